/* Text helpers: a UTF-8 string builder, an editable wide-character line, display columns. */
#include "screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *scr_status_name(scr_status status) {
    switch (status) {
    case SCR_OK: return "SCR_OK";
    case SCR_BACK: return "SCR_BACK";
    case SCR_LEAVE: return "SCR_LEAVE";
    case SCR_REFUSED: return "SCR_REFUSED";
    case SCR_OFFLINE: return "SCR_OFFLINE";
    case SCR_ERR_ARGUMENT: return "SCR_ERR_ARGUMENT";
    case SCR_ERR_NO_MEMORY: return "SCR_ERR_NO_MEMORY";
    case SCR_ERR_IO: return "SCR_ERR_IO";
    case SCR_ERR_TERMINAL: return "SCR_ERR_TERMINAL";
    case SCR_ERR_INPUT: return "SCR_ERR_INPUT";
    }
    return "SCR_UNKNOWN";
}

static scr_status sb_reserve(scr_sb *sb, size_t extra) {
    if (sb->len + extra + 1 <= sb->cap) return SCR_OK;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1) cap *= 2;
    char *s = realloc(sb->s, cap);
    if (!s) return SCR_ERR_NO_MEMORY;
    sb->s = s;
    sb->cap = cap;
    return SCR_OK;
}

scr_status sb_appendn(scr_sb *sb, const char *text, size_t n) {
    if (sb_reserve(sb, n) != SCR_OK) return SCR_ERR_NO_MEMORY;
    memcpy(sb->s + sb->len, text, n);
    sb->len += n;
    sb->s[sb->len] = '\0';
    return SCR_OK;
}

scr_status sb_append(scr_sb *sb, const char *text) { return sb_appendn(sb, text ? text : "", text ? strlen(text) : 0); }

scr_status sb_printf(scr_sb *sb, const char *format, ...) {
    va_list args;
    va_start(args, format);
    int n = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (n < 0) return SCR_ERR_ARGUMENT;
    if (sb_reserve(sb, (size_t)n) != SCR_OK) return SCR_ERR_NO_MEMORY;
    va_start(args, format);
    vsnprintf(sb->s + sb->len, (size_t)n + 1, format, args);
    va_end(args);
    sb->len += (size_t)n;
    return SCR_OK;
}

scr_status sb_cell(scr_sb *sb, const char *text, int columns) {
    const char *p = text ? text : "";
    int used = 0;
    for (;;) {
        const char *start = p;
        wchar_t c = utf8_next(&p);
        if (!c) break;
        int w = wide_char_columns(c);
        if (used + w > columns) break;
        if (sb_appendn(sb, start, (size_t)(p - start)) != SCR_OK) return SCR_ERR_NO_MEMORY;
        used += w;
    }
    for (; used < columns; used++)
        if (sb_appendn(sb, " ", 1) != SCR_OK) return SCR_ERR_NO_MEMORY;
    return SCR_OK;
}

scr_status sb_clear(scr_sb *sb) {
    sb->len = 0;
    if (sb->s) sb->s[0] = '\0';
    return SCR_OK;
}

scr_status sb_take(scr_sb *sb, char **out) {
    if (!sb->s && sb_append(sb, "") != SCR_OK) return SCR_ERR_NO_MEMORY;
    *out = sb->s;
    sb->s = NULL;
    sb->len = sb->cap = 0;
    return SCR_OK;
}

void sb_free(scr_sb *sb) {
    free(sb->s);
    sb->s = NULL;
    sb->len = sb->cap = 0;
}

/* Decodes UTF-8 by hand, so that the result does not depend on the process's locale. */
wchar_t utf8_next(const char **text) {
    const unsigned char *p = (const unsigned char *)*text;
    if (!*p) return 0;
    unsigned c = *p;
    int extra = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (c >= 0x80 && c < 0xC0) extra = -1;
    if (extra <= 0) {
        *text += 1;
        return extra < 0 ? L'?' : (wchar_t)c;
    }
    unsigned value = c & (0x3F >> extra);
    for (int i = 1; i <= extra; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *text += i;
            return L'?';
        }
        value = (value << 6) | (p[i] & 0x3F);
    }
    *text += extra + 1;
    return (wchar_t)value;
}

/* Encodes one character as UTF-8 into out[4]; returns the number of bytes. */
static size_t utf8_put(wchar_t w, char out[4]) {
    unsigned c = (unsigned)w;
    if (c < 0x80) { out[0] = (char)c; return 1; }
    if (c < 0x800) { out[0] = (char)(0xC0 | (c >> 6)); out[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12)); out[1] = (char)(0x80 | ((c >> 6) & 0x3F)); out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18)); out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F)); out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

scr_status wide_char_utf8(wchar_t c, char out[5]) {
    out[utf8_put(c, out)] = '\0';
    return SCR_OK;
}

int wide_char_columns(wchar_t c) {
    int w = wcwidth(c);
    return w < 0 ? 1 : w;
}

int utf8_columns(const char *text) {
    int columns = 0;
    const char *p = text ? text : "";
    wchar_t c;
    while ((c = utf8_next(&p)) != 0) columns += wide_char_columns(c);
    return columns;
}

scr_status utf8_cut(const char *text, int columns, char *buffer, size_t size) {
    if (!size) return SCR_ERR_ARGUMENT;
    size_t used_bytes = 0;
    int used = 0;
    const char *p = text ? text : "";
    for (;;) {
        const char *start = p;
        wchar_t c = utf8_next(&p);
        if (!c) break;
        size_t n = (size_t)(p - start);
        int w = wide_char_columns(c);
        if (used + w > columns || used_bytes + n + 1 > size) break;
        memcpy(buffer + used_bytes, start, n);
        used_bytes += n;
        used += w;
    }
    buffer[used_bytes] = '\0';
    return SCR_OK;
}

static scr_status line_reserve(scr_line *line, size_t extra) {
    if (line->len + extra + 1 <= line->cap) return SCR_OK;
    size_t cap = line->cap ? line->cap * 2 : 32;
    while (cap < line->len + extra + 1) cap *= 2;
    wchar_t *w = realloc(line->w, cap * sizeof *w);
    if (!w) return SCR_ERR_NO_MEMORY;
    line->w = w;
    line->cap = cap;
    return SCR_OK;
}

scr_status line_clear(scr_line *line) {
    line->len = line->cursor = 0;
    if (line->w) line->w[0] = L'\0';
    return SCR_OK;
}

scr_status line_set_utf8(scr_line *line, const char *text) {
    line_clear(line);
    const char *p = text ? text : "";
    wchar_t c;
    while ((c = utf8_next(&p)) != 0)
        if (line_insert(line, c) != SCR_OK) return SCR_ERR_NO_MEMORY;
    return SCR_OK;
}

scr_status line_insert(scr_line *line, wchar_t c) {
    if (line_reserve(line, 1) != SCR_OK) return SCR_ERR_NO_MEMORY;
    memmove(line->w + line->cursor + 1, line->w + line->cursor, (line->len - line->cursor) * sizeof *line->w);
    line->w[line->cursor++] = c;
    line->w[++line->len] = L'\0';
    return SCR_OK;
}

scr_status line_erase_at(scr_line *line) {
    if (line->cursor >= line->len) return SCR_OK;
    memmove(line->w + line->cursor, line->w + line->cursor + 1, (line->len - line->cursor - 1) * sizeof *line->w);
    line->w[--line->len] = L'\0';
    return SCR_OK;
}

scr_status line_erase_before(scr_line *line) {
    if (line->cursor == 0) return SCR_OK;
    line->cursor--;
    return line_erase_at(line);
}

scr_status line_to_utf8(const scr_line *line, char **out) {
    scr_sb sb = {0};
    char bytes[4];
    for (size_t i = 0; i < line->len; i++)
        if (sb_appendn(&sb, bytes, utf8_put(line->w[i], bytes)) != SCR_OK) {
            sb_free(&sb);
            return SCR_ERR_NO_MEMORY;
        }
    return sb_take(&sb, out);
}

scr_status line_copy_utf8(const scr_line *line, char *buffer, size_t size) {
    if (!size) return SCR_ERR_ARGUMENT;
    size_t used = 0;
    char bytes[4];
    for (size_t i = 0; i < line->len; i++) {
        size_t n = utf8_put(line->w[i], bytes);
        if (used + n + 1 > size) break;
        memcpy(buffer + used, bytes, n);
        used += n;
    }
    buffer[used] = '\0';
    return SCR_OK;
}

void line_free(scr_line *line) {
    free(line->w);
    line->w = NULL;
    line->len = line->cap = line->cursor = 0;
}
