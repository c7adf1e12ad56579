/*
 * The label files: read once at start, kept sorted by key in one array, looked up by binary search.
 * Each entry points into its own copy of the line it came from, which it owns.
 */
#include "screen.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct label_entry {
    char *line;          /* owns the text the pointers below point into */
    const char *key;
    const char *text[SCR_LANGS];
    const char *help[SCR_LANGS];
    size_t order;        /* position of loading, to keep the last of duplicates */
} label_entry;

struct scr_labels {
    label_entry *entries;
    size_t n, cap;
    size_t files;
    char error[512];
};

const char *labels_error(const scr_labels *labels) { return labels ? labels->error : "no labels"; }
size_t labels_file_count(const scr_labels *labels) { return labels ? labels->files : 0; }
size_t labels_count(const scr_labels *labels) { return labels ? labels->n : 0; }

static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) s[--n] = '\0';
    return s;
}

/* Splits `rest` at '|' into up to `n` trimmed parts; missing parts are "". */
static void split_columns(char *rest, const char **parts, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char *bar = rest ? strchr(rest, '|') : NULL;
        if (bar) *bar = '\0';
        parts[i] = rest ? trim(rest) : "";
        rest = bar ? bar + 1 : NULL;
    }
}

static scr_status add_line(scr_labels *labels, const char *text, const char *path, size_t number) {
    char *line = strdup(text);
    if (!line) return SCR_ERR_NO_MEMORY;
    char *content = trim(line);
    char *equals = strchr(content, '=');
    if (!*content || *content == '#') {
        free(line);
        return SCR_OK;
    }
    if (!equals) {
        snprintf(labels->error, sizeof labels->error, "%s:%zu: no '=' in the line", path, number);
        free(line);
        return SCR_ERR_INPUT;
    }
    *equals = '\0';
    if (labels->n == labels->cap) {
        size_t cap = labels->cap ? labels->cap * 2 : 256;
        label_entry *entries = realloc(labels->entries, cap * sizeof *entries);
        if (!entries) {
            free(line);
            return SCR_ERR_NO_MEMORY;
        }
        labels->entries = entries;
        labels->cap = cap;
    }
    label_entry *e = &labels->entries[labels->n];
    const char *parts[4];
    split_columns(equals + 1, parts, 4);
    e->line = line;
    e->key = trim(content);
    e->text[SCR_LANG_ZH] = parts[0];
    e->text[SCR_LANG_EN] = parts[1];
    e->help[SCR_LANG_ZH] = parts[2];
    e->help[SCR_LANG_EN] = parts[3];
    e->order = labels->n++;
    return SCR_OK;
}

static scr_status load_file(scr_labels *labels, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(labels->error, sizeof labels->error, "%s: %s", path, strerror(errno));
        return SCR_ERR_IO;
    }
    char buffer[2048];
    size_t number = 0;
    scr_status rc = SCR_OK;
    while (rc == SCR_OK && fgets(buffer, sizeof buffer, f)) {
        number++;
        if (!strchr(buffer, '\n') && !feof(f)) {
            snprintf(labels->error, sizeof labels->error, "%s:%zu: line longer than %zu bytes", path, number,
                     sizeof buffer - 2);
            rc = SCR_ERR_INPUT;
            break;
        }
        rc = add_line(labels, buffer, path, number);
    }
    fclose(f);
    if (rc == SCR_OK) labels->files++;
    return rc;
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static scr_status load_directory(scr_labels *labels, const char *directory, int depth) {
    if (depth > 8) return SCR_OK;
    DIR *dir = opendir(directory);
    if (!dir) {
        snprintf(labels->error, sizeof labels->error, "%s: %s", directory, strerror(errno));
        return SCR_ERR_IO;
    }
    scr_status rc = SCR_OK;
    struct dirent *d;
    while (rc == SCR_OK && (d = readdir(dir)) != NULL) {
        if (d->d_name[0] == '.') continue;
        scr_sb path = {0};
        if (sb_printf(&path, "%s/%s", directory, d->d_name) != SCR_OK) {
            rc = SCR_ERR_NO_MEMORY;
            break;
        }
        struct stat st;
        if (stat(path.s, &st) == 0 && S_ISDIR(st.st_mode)) rc = load_directory(labels, path.s, depth + 1);
        else if (ends_with(d->d_name, ".labels")) rc = load_file(labels, path.s);
        sb_free(&path);
    }
    closedir(dir);
    return rc;
}

static int compare_entries(const void *a, const void *b) {
    const label_entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

scr_status labels_open(const char *directory, scr_labels **out) {
    if (!out) return SCR_ERR_ARGUMENT;
    scr_labels *labels = calloc(1, sizeof *labels);
    *out = labels;
    if (!labels) return SCR_ERR_NO_MEMORY;
    if (!directory || !*directory) {
        snprintf(labels->error, sizeof labels->error, "no label directory");
        return SCR_ERR_ARGUMENT;
    }
    scr_status rc = load_directory(labels, directory, 0);
    if (rc != SCR_OK) return rc;
    if (labels->files == 0) {
        snprintf(labels->error, sizeof labels->error, "%s: no *.labels files", directory);
        return SCR_ERR_IO;
    }
    qsort(labels->entries, labels->n, sizeof *labels->entries, compare_entries);
    return SCR_OK;
}

void labels_free(scr_labels *labels) {
    if (!labels) return;
    for (size_t i = 0; i < labels->n; i++) free(labels->entries[i].line);
    free(labels->entries);
    free(labels);
}

/* The last loaded entry of `key`, or NULL. */
static const label_entry *find(const scr_labels *labels, const char *key) {
    if (!labels || !key || !labels->n) return NULL;
    size_t lo = 0, hi = labels->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(labels->entries[mid].key, key) <= 0) lo = mid + 1;
        else hi = mid;
    }
    return lo > 0 && strcmp(labels->entries[lo - 1].key, key) == 0 ? &labels->entries[lo - 1] : NULL;
}

static const char *pick(const char *const columns[SCR_LANGS], int lang) {
    if (lang < 0 || lang >= SCR_LANGS) lang = SCR_LANG_ZH;
    if (*columns[lang]) return columns[lang];
    for (int i = 0; i < SCR_LANGS; i++)
        if (*columns[i]) return columns[i];
    return NULL;
}

const char *labels_text(const scr_labels *labels, const char *key, int lang) {
    const label_entry *e = find(labels, key);
    return e ? pick(e->text, lang) : NULL;
}

const char *labels_help(const scr_labels *labels, const char *key, int lang) {
    const label_entry *e = find(labels, key);
    return e ? pick(e->help, lang) : NULL;
}

int labels_complete(const scr_labels *labels, const char *key) {
    const label_entry *e = find(labels, key);
    return e && *e->text[SCR_LANG_ZH] && *e->text[SCR_LANG_EN];
}

scr_status labels_duplicates(const scr_labels *labels, int (*visit)(const char *key, void *context), void *context) {
    if (!labels || !visit) return SCR_ERR_ARGUMENT;
    for (size_t i = 1; i < labels->n; i++)
        if (strcmp(labels->entries[i - 1].key, labels->entries[i].key) == 0 &&
            (i + 1 == labels->n || strcmp(labels->entries[i].key, labels->entries[i + 1].key) != 0))
            if (visit(labels->entries[i].key, context)) break;
    return SCR_OK;
}
