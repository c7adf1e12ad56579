/* Dialogues over any screen: a message, a choice, one line of text, the keyboard map. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

/* Splits text into lines of at most `width` columns (and at '\n'), each a new string in `lines`. */
static scr_status wrap_into(scr_list *lines, const char *text, int width) {
    return list_add_wrapped(lines, text, width, 0, 0, STYLE_NORMAL, 0);
}

static int box_width(const scr_app *app) {
    int w = app->cols - 6;
    return w > 72 ? 72 : w;
}

scr_status ui_message(scr_app *app, const char *title, const char *text, const char *detail) {
    scr_list lines = {0};
    scr_status rc = SCR_OK;
    for (;;) {
        int width = box_width(app);
        list_clear(&lines);
        wrap_into(&lines, text, width - 6);
        if (detail && *detail) {
            list_add(&lines, "", 0, STYLE_NORMAL, 0);
            list_add(&lines, app_text(app, T_SERVER_WORDS), 0, STYLE_DIM, 0);
            list_add_wrapped(&lines, detail, width - 6, 0, 0, STYLE_DIM, 0);
        }
        int height = (int)lines.n + 4;
        if (height > app->rows - 2) height = app->rows - 2;
        int top, left;
        ui_box(app, height, width, title, &top, &left);
        list_draw_at(app, &lines, top + 1, top + height - 2, left + 1, width - 2);
        int used = 0;
        ui_put(app, top + height - 2, left + 2, width - 4, app_text(app, T_PRESS_ENTER), STYLE_DIM, &used);
        ui_cursor(app, -1, -1);
        scr_event e;
        ui_event(app, &e);
        if (e.action == ACT_LEAVE) rc = SCR_LEAVE;
        if (e.action == ACT_SELECT || e.action == ACT_BACK || e.action == ACT_LEAVE || e.action == ACT_CLICK) break;
        if (e.action == ACT_DOWN || e.action == ACT_UP || e.action == ACT_PAGE_DOWN || e.action == ACT_PAGE_UP) {
            int moved = 0;
            list_move(&lines, e.action, height - 3, &moved);
        }
    }
    list_free(&lines);
    return rc;
}

scr_status ui_choose(scr_app *app, const char *title, const char *const *items, size_t n, size_t *choice) {
    scr_list list = {0};
    for (size_t i = 0; i < n; i++) {
        if (i < 9) list_addf(&list, 1, STYLE_NORMAL, (long)i, "%zu  %s", i + 1, items[i]);
        else list_addf(&list, 1, STYLE_NORMAL, (long)i, "   %s", items[i]);
    }
    list.cursor = *choice < n ? *choice : 0;
    scr_status rc = SCR_BACK;
    for (;;) {
        int width = box_width(app);
        int height = (int)n + 3;
        if (height > app->rows - 2) height = app->rows - 2;
        int top, left;
        ui_box(app, height, width, title, &top, &left);
        list_draw_at(app, &list, top + 1, top + height - 1, left + 1, width - 2);
        ui_cursor(app, -1, -1);
        scr_event e;
        ui_event(app, &e);
        long tag = 0;
        if (e.action == ACT_LEAVE) { rc = SCR_LEAVE; break; }
        if (e.action == ACT_BACK) break;
        if (e.action == ACT_CHAR && e.ch >= L'1' && e.ch <= L'9' && (size_t)(e.ch - L'1') < n) {
            *choice = (size_t)(e.ch - L'1');
            rc = SCR_OK;
            break;
        }
        if (e.action == ACT_CLICK) {
            size_t row;
            if (list_click(&list, top + 1, e.y, &row) == SCR_OK) list.cursor = row;
            else continue;
        }
        if ((e.action == ACT_SELECT || e.action == ACT_CLICK) && list_selected(&list, &tag) == SCR_OK) {
            *choice = (size_t)tag;
            rc = SCR_OK;
            break;
        }
        int moved = 0;
        list_move(&list, e.action, height - 2, &moved);
    }
    list_free(&list);
    return rc;
}

scr_status ui_prompt(scr_app *app, const char *title, const char *label, char *buffer, size_t size, int secret) {
    scr_line line = {0};
    if (line_set_utf8(&line, buffer) != SCR_OK) return SCR_ERR_NO_MEMORY;
    scr_status rc = SCR_BACK;
    for (;;) {
        int width = box_width(app), top, left, used = 0;
        ui_box(app, 5, width, title, &top, &left);
        ui_put(app, top + 2, left + 2, width - 4, label, STYLE_NORMAL, &used);
        int x = left + 3 + used, field = width - (x - left) - 2;
        ui_fill(app, top + 2, x, field, STYLE_FIELD);
        int cursor_x = x;
        for (size_t i = 0; i < line.len; i++) {
            wchar_t c = secret ? L'*' : line.w[i];
            int w = wide_char_columns(c);
            if (cursor_x + w >= x + field) break;
            char bytes[5];
            wide_char_utf8(c, bytes);
            ui_put(app, top + 2, cursor_x, w, bytes, STYLE_FIELD, NULL);
            cursor_x += w;
        }
        ui_put(app, top + 3, left + 2, width - 4, app_text(app, T_PROMPT_KEYS), STYLE_DIM, NULL);
        ui_cursor(app, top + 2, cursor_x);
        scr_event e;
        ui_event(app, &e);
        if (e.action == ACT_LEAVE) { rc = SCR_LEAVE; break; }
        if (e.action == ACT_BACK) break;
        if (e.action == ACT_SELECT) {
            line_copy_utf8(&line, buffer, size);
            rc = SCR_OK;
            break;
        }
        line.cursor = line.len;
        if (e.action == ACT_CHAR) line_insert(&line, e.ch);
        if (e.action == ACT_ERASE) line_erase_before(&line);
    }
    line_free(&line);
    ui_cursor(app, -1, -1);
    return rc;
}

scr_status ui_help(scr_app *app) {
    static const scr_text keys[] = {T_HELP_MOVE, T_HELP_SELECT, T_HELP_BACK, T_HELP_NEXT, T_HELP_SUBMIT, T_HELP_LIST,
                                    T_HELP_CHOICE, T_HELP_F1, T_HELP_F2, T_HELP_F4, T_HELP_F10, T_HELP_TOUCH};
    scr_sb sb = {0};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) sb_printf(&sb, "%s\n", app_text(app, keys[i]));
    app->modal++;
    scr_status rc = ui_message(app, app_text(app, T_HELP_TITLE), sb.s, NULL);
    app->modal--;
    sb_free(&sb);
    return rc;
}
