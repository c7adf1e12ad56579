/* A scrolling list of lines (ui.h): results, records, answers, menus. Owns the text of its rows. */
#include "ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

scr_status list_add(scr_list *list, const char *text, int selectable, scr_style style, long tag) {
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 32;
        scr_row *rows = realloc(list->rows, cap * sizeof *rows);
        if (!rows) return SCR_ERR_NO_MEMORY;
        list->rows = rows;
        list->cap = cap;
    }
    char *copy = strdup(text ? text : "");
    if (!copy) return SCR_ERR_NO_MEMORY;
    list->rows[list->n++] = (scr_row){copy, selectable, style, tag};
    return SCR_OK;
}

scr_status list_addf(scr_list *list, int selectable, scr_style style, long tag, const char *format, ...) {
    char buffer[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    return list_add(list, buffer, selectable, style, tag);
}

scr_status list_add_wrapped(scr_list *list, const char *text, int width, int indent, int selectable, scr_style style,
                            long tag) {
    if (width < 8) width = 8;
    scr_sb line = {0};
    int columns = 0, first = 1;
    size_t last_space = 0;     /* byte offset in line after the last space, 0 when none */
    int space_columns = 0;
    scr_status rc = SCR_OK;
    const char *p = text ? text : "";
    for (;;) {
        const char *start = p;
        wchar_t c = utf8_next(&p);
        int w = c ? wide_char_columns(c) : 0;
        if (c == 0 || c == L'\n' || columns + w > width) {
            char *rest = NULL;
            /* Break at the last space when the line has one late enough; else where it is full. */
            if (c && c != L'\n' && last_space && space_columns > width / 2) {
                rest = strdup(line.s + last_space);
                if (!rest) { rc = SCR_ERR_NO_MEMORY; break; }
                line.len = last_space;
                line.s[line.len] = '\0';
            }
            if ((rc = list_add(list, line.s ? line.s : "", first && selectable, style, tag)) != SCR_OK) { free(rest); break; }
            first = 0;
            sb_clear(&line);
            for (int i = 0; i < indent; i++) sb_append(&line, " ");
            columns = indent;
            if (rest) {
                sb_append(&line, rest);
                columns += utf8_columns(rest);
                free(rest);
            }
            last_space = 0;
            if (c == 0) break;
            if (c == L'\n') continue;
        }
        if ((rc = sb_appendn(&line, start, (size_t)(p - start))) != SCR_OK) break;
        columns += w;
        if (c == L' ') {
            last_space = line.len;
            space_columns = columns;
        }
    }
    sb_free(&line);
    return rc;
}

scr_status list_clear(scr_list *list) {
    for (size_t i = 0; i < list->n; i++) free(list->rows[i].text);
    list->n = list->cursor = list->top = 0;
    return SCR_OK;
}

void list_free(scr_list *list) {
    list_clear(list);
    free(list->rows);
    list->rows = NULL;
    list->cap = 0;
}

scr_status list_reset(scr_list *list) {
    list->top = 0;
    list->cursor = 0;
    for (size_t i = 0; i < list->n; i++)
        if (list->rows[i].selectable) {
            list->cursor = i;
            break;
        }
    return SCR_OK;
}

static int any_selectable(const scr_list *list) {
    for (size_t i = 0; i < list->n; i++)
        if (list->rows[i].selectable) return 1;
    return 0;
}

/* The next selectable row from `from` in direction `step`; `from` itself when there is none. */
static size_t next_selectable(const scr_list *list, size_t from, int step) {
    size_t i = from;
    while ((step > 0 && i + 1 < list->n) || (step < 0 && i > 0)) {
        i = step > 0 ? i + 1 : i - 1;
        if (list->rows[i].selectable) return i;
    }
    return from;
}

scr_status list_move(scr_list *list, scr_action action, int page, int *moved) {
    size_t before = list->cursor, before_top = list->top;
    if (page < 1) page = 1;
    if (!any_selectable(list)) {
        /* A text without choices: the keys scroll it. */
        size_t last = list->n > (size_t)page ? list->n - (size_t)page : 0;
        if (action == ACT_DOWN && list->top < last) list->top++;
        if (action == ACT_UP && list->top > 0) list->top--;
        if (action == ACT_PAGE_DOWN) list->top = list->top + (size_t)page < last ? list->top + (size_t)page : last;
        if (action == ACT_PAGE_UP) list->top = list->top > (size_t)page ? list->top - (size_t)page : 0;
        if (action == ACT_HOME) list->top = 0;
        if (action == ACT_END) list->top = last;
        *moved = list->top != before_top;
        return SCR_OK;
    }
    switch (action) {
    case ACT_DOWN: list->cursor = next_selectable(list, list->cursor, 1); break;
    case ACT_UP: list->cursor = next_selectable(list, list->cursor, -1); break;
    case ACT_PAGE_DOWN:
        for (int i = 0; i < page; i++) list->cursor = next_selectable(list, list->cursor, 1);
        break;
    case ACT_PAGE_UP:
        for (int i = 0; i < page; i++) list->cursor = next_selectable(list, list->cursor, -1);
        break;
    case ACT_HOME: list_reset(list); break;
    case ACT_END: list->cursor = next_selectable(list, list->n ? list->n - 1 : 0, -1);
        if (list->n && list->rows[list->n - 1].selectable) list->cursor = list->n - 1;
        break;
    default: break;
    }
    /* Moving up to the first choice shows the lines above it too. */
    if (action == ACT_UP && list->cursor == before) list->top = 0;
    *moved = list->cursor != before || list->top != before_top;
    return SCR_OK;
}

scr_status list_draw(scr_app *app, scr_list *list, int top, int bottom) {
    return list_draw_at(app, list, top, bottom, 0, app->cols);
}

scr_status list_draw_at(scr_app *app, scr_list *list, int top, int bottom, int left, int width) {
    int height = bottom - top;
    if (height <= 0) return SCR_OK;
    if (any_selectable(list)) {
        if (list->cursor < list->top) list->top = list->cursor;
        if (list->cursor >= list->top + (size_t)height) list->top = list->cursor - (size_t)height + 1;
    }
    if (list->top + (size_t)height > list->n) list->top = list->n > (size_t)height ? list->n - (size_t)height : 0;
    for (int y = 0; y < height; y++) {
        size_t i = list->top + (size_t)y;
        if (i >= list->n) break;
        const scr_row *row = &list->rows[i];
        int selected = row->selectable && i == list->cursor;
        if (selected) {
            ui_fill(app, top + y, left + 1, width - 2, STYLE_SELECTED);
            ui_put(app, top + y, left, 1, "▸", STYLE_HEADING, NULL);
        }
        ui_put(app, top + y, left + 2, width - 4, row->text, selected ? STYLE_SELECTED : row->style, NULL);
    }
    if (list->top > 0) ui_put(app, top, left + width - 2, 1, "↑", STYLE_DIM, NULL);
    if (list->top + (size_t)height < list->n) ui_put(app, bottom - 1, left + width - 2, 1, "↓", STYLE_DIM, NULL);
    return SCR_OK;
}

scr_status list_click(scr_list *list, int top, int y, size_t *row) {
    if (y < top) return SCR_ERR_ARGUMENT;
    size_t i = list->top + (size_t)(y - top);
    if (i >= list->n || !list->rows[i].selectable) return SCR_ERR_ARGUMENT;
    *row = i;
    return SCR_OK;
}

scr_status list_selected(const scr_list *list, long *tag) {
    if (list->cursor >= list->n || !list->rows[list->cursor].selectable) return SCR_ERR_ARGUMENT;
    *tag = list->rows[list->cursor].tag;
    return SCR_OK;
}
