/*
 * wide.h: text as the screen handles it. Strings in the program are UTF-8; what the worker types is
 * kept as wide characters (one wchar_t per character) so that editing moves by characters, and
 * columns on the terminal are counted with wcwidth(), so that hanzi take two columns.
 */
#ifndef SCREEN_WIDE_H
#define SCREEN_WIDE_H

#include "status.h"

#include <stddef.h>
#include <wchar.h>

/* A growable UTF-8 string. Zero-initialise, append, read .s (never NULL after the first append), sb_free. */
typedef struct scr_sb {
    char *s;
    size_t len, cap;
} scr_sb;

scr_status sb_append(scr_sb *sb, const char *text);
scr_status sb_appendn(scr_sb *sb, const char *text, size_t n);
scr_status sb_printf(scr_sb *sb, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Appends `text` cut or padded with spaces to exactly `columns` display columns. */
scr_status sb_cell(scr_sb *sb, const char *text, int columns);
/* Empties the string, keeping its memory. */
scr_status sb_clear(scr_sb *sb);
/* Hands the string over to the caller (never NULL unless out of memory); the builder is empty afterwards. */
scr_status sb_take(scr_sb *sb, char **out);
void sb_free(scr_sb *sb);

/* An editable line of wide characters with a cursor. Zero-initialise; free with line_free. */
typedef struct scr_line {
    wchar_t *w;
    size_t len, cap, cursor;
} scr_line;

scr_status line_set_utf8(scr_line *line, const char *text);
scr_status line_insert(scr_line *line, wchar_t c);
/* Deletes the character before the cursor (backspace) or under it (delete). */
scr_status line_erase_before(scr_line *line);
scr_status line_erase_at(scr_line *line);
scr_status line_clear(scr_line *line);
/* The line as a new UTF-8 string (free it). */
scr_status line_to_utf8(const scr_line *line, char **out);
/* The line's UTF-8 text into a buffer, cut at a character boundary when it does not fit. */
scr_status line_copy_utf8(const scr_line *line, char *buffer, size_t size);
void line_free(scr_line *line);

/* Display columns of one character (0 for combining marks, 2 for wide ones, 1 for unprintable ones). */
int wide_char_columns(wchar_t c);
/* Display columns of a UTF-8 string (invalid bytes count one column each). */
int utf8_columns(const char *text);
/* Decodes the next character of UTF-8 text at *text; advances *text. 0 at the end. */
wchar_t utf8_next(const char **text);
/* One character as a NUL-terminated UTF-8 string. */
scr_status wide_char_utf8(wchar_t c, char out[5]);
/* Copies at most `columns` display columns of `text` into buffer (UTF-8, NUL-terminated). */
scr_status utf8_cut(const char *text, int columns, char *buffer, size_t size);

#endif
