/*
 * ui.h: drawing and reading the terminal (ncursesw). The screen is laid out in lines:
 *   line 0            the top line: brand, what this screen is, the worker and the date
 *   lines 2 .. n-4    the content of the screen
 *   line n-2          the key line: what each key does here (also touch buttons)
 *   line n-1          the status line: connection, outbox (waiting / delivered / refused), notices
 */
#ifndef SCREEN_UI_H
#define SCREEN_UI_H

#include "screen.h"

/* Looks of a piece of text. */
typedef enum scr_style {
    STYLE_NORMAL = 0, STYLE_TITLE, STYLE_SELECTED, STYLE_DIM, STYLE_ERROR, STYLE_OK, STYLE_HEADING,
    STYLE_FIELD, STYLE_STATUS, STYLE_WARNING
} scr_style;

/* One entry of the key line: the key's name, what it does, and the action a touch on it makes. */
typedef struct scr_hint {
    const char *key;
    scr_text text;
    scr_action action;
    wchar_t ch;
    /* Words to show instead of `text` (a label from the label files), or NULL. */
    const char *label;
} scr_hint;

/* The smallest terminal the screen lays itself out in. */
enum { UI_MIN_COLS = 60, UI_MIN_ROWS = 16, UI_CONTENT_TOP = 2 };

scr_status ui_start(scr_app *app);
scr_status ui_stop(scr_app *app);
/* The first line below the content area. */
int ui_content_bottom(const scr_app *app);

/* Waits for the worker (half a second at most, then ACT_TICK after the background work). Handles
 * the keys that work everywhere: F1 help, F2 language, F4 outbox, F10 sign out, a resize. */
scr_status ui_event(scr_app *app, scr_event *event);
/* Translates a key from ncurses into an action (keys.c: the table a vendor adapts). */
scr_status keys_translate(int is_key_code, unsigned code, scr_event *event);

/* Clears the screen and draws the top line, the key line and the status line. */
scr_status ui_frame(scr_app *app, const char *title, const scr_hint *hints, size_t n_hints);
/* Draws UTF-8 text at (y, x) in at most `width` columns; *used (may be NULL) gets the columns drawn. */
scr_status ui_put(scr_app *app, int y, int x, int width, const char *text, scr_style style, int *used);
/* Fills columns x .. x+width-1 of line y with spaces in `style`. */
scr_status ui_fill(scr_app *app, int y, int x, int width, scr_style style);
/* Puts the terminal's cursor at (y, x), or hides it (y < 0). */
scr_status ui_cursor(scr_app *app, int y, int x);
/* Draws the status line again (after the outbox changed) and shows everything drawn. */
scr_status ui_status(scr_app *app);
scr_status ui_show(scr_app *app);
/* Says on the status line that the screen is waiting for the server, and shows it at once. */
scr_status ui_busy(scr_app *app, const char *text);

/* Draws an empty box of `height` x `width` in the middle with a title; *top and *left get its corner. */
scr_status ui_box(scr_app *app, int height, int width, const char *title, int *top, int *left);
/* A message in a box, with the server's own words below it when given; waits for Enter or Esc. */
scr_status ui_message(scr_app *app, const char *title, const char *text, const char *detail);
/* A list to choose from in a box. SCR_OK with *choice, or SCR_BACK. Digits 1-9 choose directly. */
scr_status ui_choose(scr_app *app, const char *title, const char *const *items, size_t n, size_t *choice);
/* One line of text in a box (secret: shown as *). SCR_OK with buffer filled, or SCR_BACK. */
scr_status ui_prompt(scr_app *app, const char *title, const char *label, char *buffer, size_t size, int secret);
/* The keyboard map (F1). */
scr_status ui_help(scr_app *app);

/* A scrolling list of lines, some of which can be selected. */
typedef struct scr_row {
    char *text;
    int selectable;
    scr_style style;
    long tag;
} scr_row;

typedef struct scr_list {
    scr_row *rows;
    size_t n, cap;
    size_t cursor, top;
} scr_list;

scr_status list_add(scr_list *list, const char *text, int selectable, scr_style style, long tag);
scr_status list_addf(scr_list *list, int selectable, scr_style style, long tag, const char *format, ...)
    __attribute__((format(printf, 5, 6)));
/* Adds text wrapped at `width` columns, every line after the first indented by `indent` spaces. */
scr_status list_add_wrapped(scr_list *list, const char *text, int width, int indent, int selectable, scr_style style,
                            long tag);
scr_status list_clear(scr_list *list);
void list_free(scr_list *list);
/* Moves the cursor to the first selectable row (or the top). */
scr_status list_reset(scr_list *list);
/* Moves by an action (up, down, page up/down, home, end); non-zero *moved when it did. */
scr_status list_move(scr_list *list, scr_action action, int page, int *moved);
/* Draws the rows between lines top and bottom (exclusive), keeping the cursor in view. */
scr_status list_draw(scr_app *app, scr_list *list, int top, int bottom);
/* The same within columns left .. left+width-1 (a dialogue's box). */
scr_status list_draw_at(scr_app *app, scr_list *list, int top, int bottom, int left, int width);
/* The row a click on line y of a list drawn from `top` falls on; SCR_ERR_ARGUMENT when none. */
scr_status list_click(scr_list *list, int top, int y, size_t *row);
/* The tag of the row under the cursor; SCR_ERR_ARGUMENT when it is not selectable. */
scr_status list_selected(const scr_list *list, long *tag);

#endif
