/*
 * The form editor: draws a form's rows as label and value columns, with the help of the current
 * field below, and lets the worker type, choose, add and remove items. The form itself (form.c)
 * survives everything here: a resize, the PIN asked again, the outbox opened over it.
 */
#include "form.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int selectable(const pf_row *row) {
    if (row->node->flags & PF_READONLY) return 0;
    return row->type != ROW_GROUP;
}

static scr_status row_label(scr_app *app, const pf_row *row, char *buffer, size_t size) {
    if (row->type == ROW_ITEM) {
        snprintf(buffer, size, app_text(app, T_ITEM_N), row->node->index);
        return SCR_OK;
    }
    char key[256];
    const char *label = row->node->field->name;
    if (pf_label_key(row->node, key, sizeof key) == SCR_OK) label = app_label(app, key, label);
    if (row->node->index) snprintf(buffer, size, "%s %zu", label, row->node->index);
    else snprintf(buffer, size, "%s", label);
    return SCR_OK;
}

static const char *enum_value_label(scr_app *app, const pf_node *node, int index) {
    const ProtobufCEnumDescriptor *e = node->field->descriptor;
    if (index < 0 || (unsigned)index >= e->n_values) return "?";
    if (e->values[index].value == 0) return app_text(app, T_NOT_CHOSEN);
    char key[256];
    snprintf(key, sizeof key, "%s.%s", e->name, e->values[index].name);
    return app_label(app, key, e->values[index].name);
}

/* The value column of a row as text; for text fields the caller draws the edit line itself. */
static scr_status row_value(scr_app *app, const pf_row *row, scr_sb *out) {
    const pf_node *node = row->node;
    switch (row->type) {
    case ROW_GROUP: return SCR_OK;
    case ROW_LIST: return sb_printf(out, app_text(app, T_LIST_ITEMS), node->n_children);
    case ROW_ITEM: return sb_append(out, app_text(app, T_ITEM_REMOVE));
    case ROW_VALUE: break;
    }
    if (node->kind == PF_ENUM) return sb_printf(out, "◀ %s ▶", enum_value_label(app, node, node->choice));
    if (node->kind == PF_BOOL) return sb_printf(out, "◀ %s ▶", app_text(app, node->choice ? T_YES : T_NO));
    return SCR_OK;
}

static int label_width(scr_app *app, pf_form *form) {
    int width = 10;
    for (size_t i = 0; i < form->n_rows; i++) {
        char label[256];
        row_label(app, &form->rows[i], label, sizeof label);
        int w = form->rows[i].depth * 2 + utf8_columns(label);
        if (w > width) width = w;
    }
    int most = app->cols * 2 / 5;
    return width > most ? most : width;
}

/* Draws a text value with the cursor in view; returns the column of the cursor. */
static int draw_text(scr_app *app, const pf_node *node, int y, int x, int width, int current) {
    const scr_line *t = &node->text;
    size_t start = 0;
    if (current) {
        int w = 0;
        for (size_t i = start; i < t->cursor; i++) w += wide_char_columns(t->w[i]);
        while (w > width - 1 && start < t->cursor) w -= wide_char_columns(t->w[start++]);
    }
    scr_style style = node->flags & PF_READONLY ? STYLE_DIM : STYLE_FIELD;
    ui_fill(app, y, x, width, style);
    int col = x, cursor_x = x;
    for (size_t i = start; i <= t->len; i++) {
        if (i == t->cursor) cursor_x = col;
        if (i == t->len) break;
        wchar_t c = t->w[i] < 32 ? L'?' : t->w[i];
        int w = wide_char_columns(c);
        if (col + w > x + width) break;
        char bytes[5];
        wide_char_utf8(c, bytes);
        ui_put(app, y, col, w, bytes, style, NULL);
        col += w;
    }
    return cursor_x;
}

static scr_status help_text(scr_app *app, const pf_row *row, scr_sb *out) {
    const pf_node *node = row->node;
    char key[256];
    if (node->error || node->refused) sb_printf(out, "✗ %s\n", node->error ? node->error : node->refused);
    if (row->type == ROW_LIST) return sb_append(out, app_text(app, T_HELP_LIST_ROW));
    if (row->type == ROW_ITEM) return sb_append(out, app_text(app, T_HELP_ITEM_ROW));
    if (pf_label_key(node, key, sizeof key) == SCR_OK) {
        const char *help = app_help(app, key);
        if (help) sb_printf(out, "%s\n", help);
    }
    if (node->kind == PF_ENUM) {
        const ProtobufCEnumDescriptor *e = node->field->descriptor;
        for (unsigned i = 0; i < e->n_values && i < 10; i++)
            sb_printf(out, "%u %s  ", i, enum_value_label(app, node, (int)i));
    }
    if (node->kind == PF_BOOL) sb_printf(out, "0 %s  1 %s", app_text(app, T_NO), app_text(app, T_YES));
    if (pf_is_date(node)) sb_append(out, app_text(app, T_DATE_HINT));
    if (pf_is_month(node)) sb_append(out, app_text(app, T_MONTH_HINT));
    return SCR_OK;
}

static const scr_hint form_hints[] = {
    {"F5", T_SUBMIT, ACT_SUBMIT, 0, NULL},  {"Tab", T_NEXT_FIELD, ACT_NEXT, 0, NULL}, {"Enter", T_CHOOSE, ACT_SELECT, 0, NULL},
    {"Ins", T_ADD_ITEM, ACT_INSERT, 0, NULL}, {"Esc", T_BACK, ACT_BACK, 0, NULL},      {"F1", T_HELP, ACT_HELP, 0, NULL},
};

static scr_status draw_form(scr_app *app, pf_form *form, const char *title, const char *intro, int *cursor_y,
                            int *cursor_x) {
    ui_frame(app, title, form_hints, sizeof form_hints / sizeof *form_hints);
    int top = UI_CONTENT_TOP, help_rows = 3;
    if (intro && *intro) ui_put(app, top++, 2, app->cols - 4, intro, STYLE_DIM, NULL);
    int bottom = ui_content_bottom(app) - help_rows;
    int height = bottom - top, lw = label_width(app, form), vx = 2 + lw + 2;
    if (height < 1) return SCR_OK;
    if (form->cursor < form->top) form->top = form->cursor;
    if (form->cursor >= form->top + (size_t)height) form->top = form->cursor - (size_t)height + 1;
    /* After the terminal grew, show as much of the form as fits: no empty lines below its end. */
    if (form->top + (size_t)height > form->n_rows)
        form->top = form->n_rows > (size_t)height ? form->n_rows - (size_t)height : 0;
    *cursor_y = *cursor_x = -1;
    for (int y = 0; y < height && form->top + (size_t)y < form->n_rows; y++) {
        size_t i = form->top + (size_t)y;
        const pf_row *row = &form->rows[i];
        int current = i == form->cursor, line = top + y;
        char label[256];
        row_label(app, row, label, sizeof label);
        scr_style ls = row->type == ROW_GROUP || row->type == ROW_LIST ? STYLE_HEADING : STYLE_NORMAL;
        if (current) {
            ui_fill(app, line, 1, vx - 2, STYLE_SELECTED);
            ui_put(app, line, 0, 1, "▸", STYLE_HEADING, NULL);
        }
        ui_put(app, line, 2 + row->depth * 2, lw - row->depth * 2, label, current ? STYLE_SELECTED : ls, NULL);
        int width = app->cols - vx - 2, used = 0;
        if (width > 40) width = 40;
        if (row->type == ROW_VALUE && (row->node->kind != PF_ENUM && row->node->kind != PF_BOOL)) {
            int cx = draw_text(app, row->node, line, vx, width, current);
            used = width;
            if (current) *cursor_y = line, *cursor_x = cx;
        } else {
            scr_sb value = {0};
            row_value(app, row, &value);
            ui_put(app, line, vx, app->cols - vx - 2, value.s, current ? STYLE_SELECTED : STYLE_NORMAL, &used);
            sb_free(&value);
        }
        const char *problem = row->node->error ? row->node->error : row->node->refused;
        if (problem && vx + used + 2 < app->cols - 2)
            ui_put(app, line, vx + used + 2, app->cols - vx - used - 4, problem, STYLE_ERROR, NULL);
    }
    if (form->top + (size_t)height < form->n_rows) ui_put(app, bottom - 1, app->cols - 2, 1, "↓", STYLE_DIM, NULL);
    if (form->top > 0) ui_put(app, top, app->cols - 2, 1, "↑", STYLE_DIM, NULL);
    if (form->cursor < form->n_rows) {
        scr_sb help = {0};
        scr_list lines = {0};
        help_text(app, &form->rows[form->cursor], &help);
        list_add_wrapped(&lines, help.s ? help.s : "", app->cols - 6, 0, 0, STYLE_DIM, 0);
        ui_fill(app, bottom, 1, app->cols - 2, STYLE_NORMAL);
        for (size_t k = 0; k < lines.n && (int)k < help_rows; k++)
            ui_put(app, bottom + (int)k, 2, app->cols - 4, lines.rows[k].text,
                   (form->rows[form->cursor].node->error || form->rows[form->cursor].node->refused) && k == 0
                       ? STYLE_ERROR
                       : STYLE_DIM,
                   NULL);
        list_free(&lines);
        sb_free(&help);
    }
    return SCR_OK;
}

static scr_status revalidate(scr_app *app, pf_form *form) {
    pf_clear_errors(form);
    scr_status rc = pf_check_types(app, form);
    if (rc == SCR_OK && form->validate) rc = form->validate(app, form, form->context);
    return rc;
}

static void move_cursor(pf_form *form, int step) {
    size_t i = form->cursor;
    while ((step > 0 && i + 1 < form->n_rows) || (step < 0 && i > 0)) {
        i = step > 0 ? i + 1 : i - 1;
        if (selectable(&form->rows[i])) {
            form->cursor = i;
            return;
        }
    }
}

static void cursor_to(pf_form *form, const pf_node *node) {
    for (size_t i = 0; i < form->n_rows; i++)
        if (form->rows[i].node == node) {
            form->cursor = i;
            return;
        }
}

static scr_status choose_value(scr_app *app, pf_node *node) {
    const ProtobufCEnumDescriptor *e = node->field->descriptor;
    const char *items[64];
    size_t n = 0;
    if (node->kind == PF_BOOL) {
        items[n++] = app_text(app, T_NO);
        items[n++] = app_text(app, T_YES);
    } else {
        for (unsigned i = 0; i < e->n_values && n < 64; i++) items[n++] = enum_value_label(app, node, (int)i);
    }
    size_t choice = (size_t)node->choice;
    char title[256];
    pf_label_key(node, title, sizeof title);
    scr_status rc = ui_choose(app, app_label(app, title, node->field->name), items, n, &choice);
    if (rc == SCR_OK) node->choice = (int)choice;
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}

/* Edits the value under the cursor; *edited is set when the value changed. */
static scr_status edit_value(scr_app *app, pf_form *form, const scr_event *e, int *edited) {
    pf_row *row = &form->rows[form->cursor];
    pf_node *node = row->node;
    *edited = 0;
    if (row->type == ROW_LIST && (e->action == ACT_INSERT || e->action == ACT_SELECT)) {
        pf_node *item = NULL;
        if (pf_list_add(node, &item) != SCR_OK) return SCR_ERR_NO_MEMORY;
        pf_rows(form);
        cursor_to(form, item->kind == PF_MESSAGE && item->n_children ? item->children[0] : item);
        if (!selectable(&form->rows[form->cursor])) move_cursor(form, 1);
        *edited = 1;
        return SCR_OK;
    }
    if ((row->type == ROW_ITEM || (row->type == ROW_VALUE && node->index)) && e->action == ACT_DELETE) {
        pf_node *list = node->parent;
        pf_list_remove(list, node->index - 1);
        pf_rows(form);
        cursor_to(form, list);
        *edited = 1;
        return SCR_OK;
    }
    if (row->type == ROW_LIST && e->action == ACT_DELETE && node->n_children) {
        pf_list_remove(node, node->n_children - 1);
        pf_rows(form);
        *edited = 1;
        return SCR_OK;
    }
    if (row->type != ROW_VALUE) return SCR_OK;
    if (node->kind == PF_ENUM || node->kind == PF_BOOL) {
        int count = node->kind == PF_BOOL ? 2 : (int)((const ProtobufCEnumDescriptor *)node->field->descriptor)->n_values;
        int before = node->choice;
        if (e->action == ACT_RIGHT || (e->action == ACT_CHAR && e->ch == L' ')) node->choice = (node->choice + 1) % count;
        if (e->action == ACT_LEFT) node->choice = (node->choice + count - 1) % count;
        if (e->action == ACT_CHAR && e->ch >= L'0' && e->ch <= L'9' && e->ch - L'0' < count) node->choice = e->ch - L'0';
        if (e->action == ACT_ERASE) node->choice = 0;
        if (e->action == ACT_SELECT) {
            scr_status rc = choose_value(app, node);
            if (rc != SCR_OK) return rc;
        }
        *edited = node->choice != before;
        return SCR_OK;
    }
    scr_line *t = &node->text;
    switch (e->action) {
    case ACT_CHAR: *edited = line_insert(t, e->ch) == SCR_OK; break;
    case ACT_ERASE: *edited = t->cursor > 0; line_erase_before(t); break;
    case ACT_DELETE: *edited = t->cursor < t->len; line_erase_at(t); break;
    case ACT_LEFT: if (t->cursor) t->cursor--; break;
    case ACT_RIGHT: if (t->cursor < t->len) t->cursor++; break;
    case ACT_HOME: t->cursor = 0; break;
    case ACT_END: t->cursor = t->len; break;
    default: break;
    }
    return SCR_OK;
}

static scr_status leave_form(scr_app *app, pf_form *form) {
    if (!form->changed) return SCR_BACK;
    const char *items[] = {app_text(app, T_KEEP_EDITING), app_text(app, T_DISCARD_FORM)};
    size_t choice = 0;
    scr_status rc = ui_choose(app, app_text(app, T_LEAVE_FORM), items, 2, &choice);
    if (rc == SCR_LEAVE) return SCR_LEAVE;
    return rc == SCR_OK && choice == 1 ? SCR_BACK : SCR_OK;
}

scr_status form_run(scr_app *app, pf_form *form, const char *title, const char *intro) {
    pf_rows(form);
    if (form->cursor < form->n_rows && !selectable(&form->rows[form->cursor])) move_cursor(form, 1);
    revalidate(app, form);
    for (;;) {
        int cy = -1, cx = -1;
        draw_form(app, form, title, intro, &cy, &cx);
        ui_cursor(app, cy, cx);
        scr_event e;
        ui_event(app, &e);
        if (e.action == ACT_LEAVE) return SCR_LEAVE;
        if (!form->n_rows) {
            if (e.action == ACT_SUBMIT) return SCR_OK;
            if (e.action == ACT_BACK) return SCR_BACK;
            continue;
        }
        const pf_row *row = &form->rows[form->cursor];
        int is_choice = row->type == ROW_VALUE && (row->node->kind == PF_ENUM || row->node->kind == PF_BOOL);
        switch (e.action) {
        case ACT_UP: case ACT_PREVIOUS: move_cursor(form, -1); continue;
        case ACT_DOWN: case ACT_NEXT: move_cursor(form, 1); continue;
        case ACT_SELECT:
            if (!is_choice && row->type == ROW_VALUE) {
                move_cursor(form, 1);
                continue;
            }
            break;
        case ACT_CLICK:
            if (e.y >= UI_CONTENT_TOP) {
                size_t i = form->top + (size_t)(e.y - UI_CONTENT_TOP - (intro && *intro ? 1 : 0));
                if (i < form->n_rows && selectable(&form->rows[i])) form->cursor = i;
            }
            continue;
        case ACT_SUBMIT: {
            form->submitting = 1;
            revalidate(app, form);
            form->submitting = 0;
            pf_node *bad = pf_first_error(form);
            if (!bad) return SCR_OK;
            cursor_to(form, bad);
            app_notice(app, 1, "%s", app_text(app, T_FORM_HAS_ERRORS));
            continue;
        }
        case ACT_BACK: {
            scr_status rc = leave_form(app, form);
            if (rc != SCR_OK) return rc;
            continue;
        }
        default: break;
        }
        int edited = 0;
        scr_status rc = edit_value(app, form, &e, &edited);
        if (rc == SCR_LEAVE) return rc;
        if (edited) {
            pf_node *node = form->cursor < form->n_rows ? form->rows[form->cursor].node : NULL;
            if (node && node->refused) {
                free(node->refused);
                node->refused = NULL;
            }
            form->changed = 1;
            revalidate(app, form);
        }
    }
}
