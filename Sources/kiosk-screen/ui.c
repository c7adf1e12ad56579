/*
 * The terminal: frame, text, events and dialogues on ncursesw. ncurses keeps the terminal's state
 * in its own globals (stdscr, LINES, COLS); this file and form_ui.c are the only ones that use
 * ncurses, and they copy the size into the app handle.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { PAIR_TITLE = 1, PAIR_SELECTED, PAIR_ERROR, PAIR_OK, PAIR_HEADING, PAIR_FIELD, PAIR_STATUS, PAIR_WARNING, PAIR_DIM };

static attr_t style_attr(const scr_app *app, scr_style style) {
    if (!app->colors) {
        switch (style) {
        case STYLE_TITLE: case STYLE_SELECTED: case STYLE_STATUS: return A_REVERSE;
        case STYLE_ERROR: case STYLE_HEADING: case STYLE_WARNING: return A_BOLD;
        case STYLE_FIELD: return A_UNDERLINE;
        case STYLE_DIM: return A_DIM;
        default: return A_NORMAL;
        }
    }
    switch (style) {
    case STYLE_TITLE: return COLOR_PAIR(PAIR_TITLE) | A_BOLD;
    case STYLE_SELECTED: return COLOR_PAIR(PAIR_SELECTED);
    case STYLE_ERROR: return COLOR_PAIR(PAIR_ERROR) | A_BOLD;
    case STYLE_OK: return COLOR_PAIR(PAIR_OK);
    case STYLE_HEADING: return COLOR_PAIR(PAIR_HEADING) | A_BOLD;
    case STYLE_FIELD: return COLOR_PAIR(PAIR_FIELD);
    case STYLE_STATUS: return COLOR_PAIR(PAIR_STATUS);
    case STYLE_WARNING: return COLOR_PAIR(PAIR_WARNING) | A_BOLD;
    case STYLE_DIM: return COLOR_PAIR(PAIR_DIM);
    default: return A_NORMAL;
    }
}

static void read_size(scr_app *app) {
    getmaxyx(stdscr, app->rows, app->cols);
}

scr_status ui_start(scr_app *app) {
    if (!initscr()) return SCR_ERR_TERMINAL;
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(60);
    mousemask(BUTTON1_CLICKED | BUTTON1_RELEASED, NULL);
    mouseinterval(0);
    app->colors = has_colors();
    if (app->colors) {
        start_color();
        use_default_colors();
        init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
        init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
        init_pair(PAIR_ERROR, COLOR_RED, -1);
        init_pair(PAIR_OK, COLOR_GREEN, -1);
        init_pair(PAIR_HEADING, COLOR_BLUE, -1);
        init_pair(PAIR_FIELD, COLOR_BLACK, COLOR_WHITE);
        init_pair(PAIR_STATUS, COLOR_BLACK, COLOR_WHITE);
        init_pair(PAIR_WARNING, COLOR_YELLOW, -1);
        init_pair(PAIR_DIM, COLOR_BLUE, -1);
    }
    read_size(app);
    return SCR_OK;
}

scr_status ui_stop(scr_app *app) {
    (void)app;
    endwin();
    return SCR_OK;
}

int ui_content_bottom(const scr_app *app) { return app->rows - 3; }

scr_status ui_put(scr_app *app, int y, int x, int width, const char *text, scr_style style, int *used) {
    int drawn = 0;
    if (y < 0 || y >= app->rows || x < 0 || x >= app->cols) {
        if (used) *used = 0;
        return SCR_OK;
    }
    if (x + width > app->cols) width = app->cols - x;
    attr_t attr = style_attr(app, style);
    attron(attr);
    move(y, x);
    const char *p = text ? text : "";
    wchar_t c;
    while ((c = utf8_next(&p)) != 0) {
        if (c == L'\n' || c == L'\t') c = L' ';
        if (c < 32 || c == 127) c = L'?';
        int w = wide_char_columns(c);
        if (drawn + w > width) break;
        addnwstr(&c, 1);
        drawn += w;
    }
    attroff(attr);
    if (used) *used = drawn;
    return SCR_OK;
}

scr_status ui_fill(scr_app *app, int y, int x, int width, scr_style style) {
    if (y < 0 || y >= app->rows || x < 0) return SCR_OK;
    if (x + width > app->cols) width = app->cols - x;
    attr_t attr = style_attr(app, style);
    attron(attr);
    mvhline(y, x, ' ', width);
    attroff(attr);
    return SCR_OK;
}

scr_status ui_cursor(scr_app *app, int y, int x) {
    if (y < 0 || y >= app->rows || x < 0 || x >= app->cols) {
        curs_set(0);
        return SCR_OK;
    }
    curs_set(1);
    move(y, x);
    return SCR_OK;
}

scr_status ui_show(scr_app *app) {
    (void)app;
    refresh();
    return SCR_OK;
}

static const char *role_text(const scr_app *app) {
    static const char *const keys[] = {
        "kiosk.core.v1.Role.ROLE_UNSPECIFIED", "kiosk.core.v1.Role.ROLE_VILLAGE_DIRECTOR",
        "kiosk.core.v1.Role.ROLE_TOWNSHIP_SUPERVISOR", "kiosk.core.v1.Role.ROLE_COUNTY_OFFICER",
        "kiosk.core.v1.Role.ROLE_OPERATOR"};
    uint32_t role = app->session.role < 5 ? app->session.role : 0;
    return app_label(app, keys[role], "");
}

scr_status ui_status(scr_app *app) {
    int y = app->rows - 1;
    ui_fill(app, y, 0, app->cols, STYLE_STATUS);
    scr_sb sb = {0};
    const char *state = app->online == 0 ? app_text(app, T_OFFLINE) : app->online == 1 ? app_text(app, T_ONLINE)
                                                                                        : app_text(app, T_CONNECTING);
    int x = 0, used = 0;
    ui_put(app, y, x, 12, app->online == 0 ? " ✗ " : " ● ", STYLE_STATUS, &used);
    x += used;
    ui_put(app, y, x, 14, state, STYLE_STATUS, &used);
    x += used;
    if (app->outbox) {
        sb_printf(&sb, " │ %s %lld · %s %lld · %s %lld ", app_text(app, T_WAITING), (long long)app->counts.pending,
                  app_text(app, T_DELIVERED), (long long)app->counts.delivered, app_text(app, T_REFUSED),
                  (long long)app->counts.refused);
        ui_put(app, y, x, app->cols - x, sb.s, STYLE_STATUS, &used);
        x += used;
    }
    if (app->notice[0]) {
        ui_put(app, y, x, app->cols - x, " │ ", STYLE_STATUS, &used);
        x += used;
        ui_put(app, y, x, app->cols - x, app->notice, app->notice_is_error ? STYLE_ERROR : STYLE_STATUS, &used);
    }
    sb_free(&sb);
    return SCR_OK;
}

scr_status ui_busy(scr_app *app, const char *text) {
    app_notice(app, 0, "%s", text);
    ui_status(app);
    curs_set(0);
    refresh();
    return SCR_OK;
}

static scr_status draw_top(scr_app *app, const char *title) {
    ui_fill(app, 0, 0, app->cols, STYLE_TITLE);
    int used = 0;
    ui_put(app, 0, 1, app->cols / 2, app->settings.brand ? app->settings.brand : app_text(app, T_APP_TITLE),
           STYLE_TITLE, &used);
    int x = 1 + used;
    if (title && *title) {
        ui_put(app, 0, x, app->cols - x, " · ", STYLE_TITLE, &used);
        x += used;
        ui_put(app, 0, x, app->cols - x, title, STYLE_TITLE, &used);
        x += used;
    }
    char today[11] = "";
    check_today(today);
    scr_sb right = {0};
    if (app->session.signed_in) sb_printf(&right, "%s %s  ", app->session.display_name, role_text(app));
    sb_append(&right, today);
    int w = utf8_columns(right.s);
    if (x + 2 + w < app->cols) ui_put(app, 0, app->cols - w - 1, w, right.s, STYLE_TITLE, NULL);
    sb_free(&right);
    return SCR_OK;
}

scr_status ui_frame(scr_app *app, const char *title, const scr_hint *hints, size_t n_hints) {
    read_size(app);
    erase();
    curs_set(0);
    draw_top(app, title);
    int y = app->rows - 2, x = 0, used = 0;
    app->n_buttons = 0;
    for (size_t i = 0; i < n_hints && x < app->cols - 4; i++) {
        int start = x;
        ui_put(app, y, x, app->cols - x, hints[i].key, STYLE_SELECTED, &used);
        x += used;
        ui_put(app, y, x, app->cols - x, " ", STYLE_NORMAL, &used);
        x += used;
        ui_put(app, y, x, app->cols - x, hints[i].label ? hints[i].label : app_text(app, hints[i].text), STYLE_NORMAL, &used);
        x += used;
        if (app->n_buttons < (int)(sizeof app->buttons / sizeof *app->buttons))
            app->buttons[app->n_buttons++] = (scr_button){start, x, hints[i].action, hints[i].ch};
        x += 2;
    }
    ui_status(app);
    return SCR_OK;
}

/* A touch or click: a button of the key line becomes its action; elsewhere ACT_CLICK. */
static scr_status mouse_event(scr_app *app, scr_event *event) {
    MEVENT m;
    event->action = ACT_NONE;
    if (getmouse(&m) != OK) return SCR_OK;
    if (m.y == app->rows - 2) {
        for (int i = 0; i < app->n_buttons; i++)
            if (m.x >= app->buttons[i].x0 && m.x < app->buttons[i].x1) {
                event->action = app->buttons[i].action;
                event->ch = app->buttons[i].ch;
            }
        return SCR_OK;
    }
    event->action = ACT_CLICK;
    event->y = m.y;
    event->x = m.x;
    return SCR_OK;
}

/* The keys that work on every screen. Returns non-zero when the event was handled here. */
static int global_key(scr_app *app, scr_event *event) {
    switch (event->action) {
    case ACT_LANGUAGE:
        app->lang = app->lang == SCR_LANG_ZH ? SCR_LANG_EN : SCR_LANG_ZH;
        return 1;
    case ACT_HELP:
        if (app->modal) return 0;
        ui_help(app);
        return 1;
    case ACT_OUTBOX:
        if (app->outbox && !app->modal) {
            scr_status rc = screen_outbox(app);
            if (rc == SCR_LEAVE) event->action = ACT_LEAVE;
            return rc != SCR_LEAVE;
        }
        return 0;
    case ACT_SIGN_OUT: {
        if (!app->session.signed_in || app->modal) return 0;
        const char *items[] = {app_text(app, T_SIGN_OUT_CONFIRM), app_text(app, T_STAY)};
        size_t choice = 1;
        app->modal++;
        if (ui_choose(app, app_text(app, T_SIGN_OUT), items, 2, &choice) == SCR_OK && choice == 0) app->leaving = 1;
        app->modal--;
        if (app->leaving) event->action = ACT_LEAVE;
        return !app->leaving;
    }
    default: return 0;
    }
}

/* A terminal smaller than the layout needs: says so until it is large enough again. Nothing the
 * screens hold is touched meanwhile; the background work goes on. */
static scr_status wait_until_large_enough(scr_app *app) {
    while (app->rows < UI_MIN_ROWS || app->cols < UI_MIN_COLS) {
        erase();
        char size[64];
        snprintf(size, sizeof size, "%d×%d < %d×%d", app->cols, app->rows, UI_MIN_COLS, UI_MIN_ROWS);
        ui_put(app, 0, 0, app->cols, app_text(app, T_WINDOW_TOO_SMALL), STYLE_WARNING, NULL);
        ui_put(app, 1, 0, app->cols, size, STYLE_DIM, NULL);
        curs_set(0);
        refresh();
        timeout(500);
        wint_t ch = 0;
        int r = get_wch(&ch);
        if (r == ERR) app_tick(app);
        read_size(app);
        if (app->leaving) break;
    }
    clearok(curscr, TRUE);
    return SCR_OK;
}

scr_status ui_event(scr_app *app, scr_event *event) {
    memset(event, 0, sizeof *event);
    read_size(app);
    if (app->rows < UI_MIN_ROWS || app->cols < UI_MIN_COLS) {
        wait_until_large_enough(app);
        event->action = app->leaving ? ACT_LEAVE : ACT_RESIZE;
        return SCR_OK;
    }
    if (app->leaving) {
        event->action = ACT_LEAVE;
        return SCR_OK;
    }
    if (app->session_expired && !app->in_reauth && app->session.signed_in) {
        session_reauthenticate(app);
        event->action = app->leaving ? ACT_LEAVE : ACT_RESIZE;
        return SCR_OK;
    }
    ui_status(app);
    refresh();
    timeout(500);
    wint_t ch = 0;
    int r = get_wch(&ch);
    if (r == ERR) {
        app_tick(app);
        event->action = app->leaving ? ACT_LEAVE : ACT_TICK;
        return SCR_OK;
    }
    if (r == KEY_CODE_YES && ch == KEY_MOUSE) mouse_event(app, event);
    else keys_translate(r == KEY_CODE_YES, (unsigned)ch, event);
    if (event->action == ACT_RESIZE) {
        /* The terminal may have moved or cropped what it showed (tmux pushes lines into its history
         * when a pane shrinks): draw everything again, not only what changed. */
        read_size(app);
        clearok(curscr, TRUE);
    }
    if (global_key(app, event)) {
        memset(event, 0, sizeof *event);
        event->action = app->leaving ? ACT_LEAVE : ACT_RESIZE;
    }
    return SCR_OK;
}

/* Draws a box of `height` x `width` in the middle with a title; returns its top-left corner. */
scr_status ui_box(scr_app *app, int height, int width, const char *title, int *top, int *left) {
    *top = (app->rows - height) / 2;
    *left = (app->cols - width) / 2;
    for (int y = 0; y < height; y++) ui_fill(app, *top + y, *left, width, y == 0 ? STYLE_TITLE : STYLE_NORMAL);
    ui_put(app, *top, *left + 1, width - 2, title, STYLE_TITLE, NULL);
    attr_t a = style_attr(app, STYLE_HEADING);
    attron(a);
    mvvline(*top + 1, *left, ACS_VLINE, height - 2);
    mvvline(*top + 1, *left + width - 1, ACS_VLINE, height - 2);
    mvhline(*top + height - 1, *left, ACS_HLINE, width);
    mvaddch(*top + height - 1, *left, ACS_LLCORNER);
    mvaddch(*top + height - 1, *left + width - 1, ACS_LRCORNER);
    attroff(a);
    return SCR_OK;
}
