/*
 * The form model (form.h): a tree of nodes over a message descriptor, its rows, and the checks of
 * values by type and field name. The conversion to and from messages is in form_message.c.
 */
#include "form.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nested messages deeper than this are not expanded (a recursive type would never end). */
enum { PF_MAX_DEPTH = 4 };

static pf_kind kind_of(const ProtobufCFieldDescriptor *f) {
    switch (f->type) {
    case PROTOBUF_C_TYPE_STRING: return PF_TEXT;
    case PROTOBUF_C_TYPE_BYTES: return PF_BYTES;
    case PROTOBUF_C_TYPE_FLOAT: case PROTOBUF_C_TYPE_DOUBLE: return PF_DECIMAL;
    case PROTOBUF_C_TYPE_BOOL: return PF_BOOL;
    case PROTOBUF_C_TYPE_ENUM: return PF_ENUM;
    case PROTOBUF_C_TYPE_MESSAGE: return PF_MESSAGE;
    default: return PF_NUMBER;
    }
}

static void node_free(pf_node *node) {
    if (!node) return;
    for (size_t i = 0; i < node->n_children; i++) node_free(node->children[i]);
    free(node->children);
    line_free(&node->text);
    free(node->error);
    free(node->refused);
    free(node);
}

static scr_status add_child(pf_node *parent, pf_node *child) {
    if (parent->n_children == parent->cap_children) {
        size_t cap = parent->cap_children ? parent->cap_children * 2 : 8;
        pf_node **children = realloc(parent->children, cap * sizeof *children);
        if (!children) return SCR_ERR_NO_MEMORY;
        parent->children = children;
        parent->cap_children = cap;
    }
    parent->children[parent->n_children++] = child;
    child->parent = parent;
    return SCR_OK;
}

static scr_status expand_message(pf_node *node, int depth);

/* A node for field f as a single value (a list item when index > 0). */
static scr_status new_value_node(const ProtobufCFieldDescriptor *f, size_t index, int depth, pf_node **out) {
    pf_node *node = calloc(1, sizeof *node);
    if (!node) return SCR_ERR_NO_MEMORY;
    node->kind = kind_of(f);
    node->field = f;
    node->index = index;
    if (node->kind == PF_MESSAGE) {
        node->message = f->descriptor;
        scr_status rc = depth < PF_MAX_DEPTH ? expand_message(node, depth + 1) : SCR_OK;
        if (rc != SCR_OK) {
            node_free(node);
            return rc;
        }
    }
    if (node->kind == PF_ENUM) {
        /* Start at the value numbered 0 (proto3's default), which is "not chosen". */
        const ProtobufCEnumDescriptor *e = f->descriptor;
        for (unsigned i = 0; i < e->n_values; i++)
            if (e->values[i].value == 0) node->choice = (int)i;
    }
    *out = node;
    return SCR_OK;
}

static scr_status expand_message(pf_node *node, int depth) {
    const ProtobufCMessageDescriptor *d = node->message;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        pf_node *child = NULL;
        scr_status rc;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            child = calloc(1, sizeof *child);
            if (!child) return SCR_ERR_NO_MEMORY;
            child->kind = PF_LIST;
            child->field = f;
            rc = SCR_OK;
        } else {
            rc = new_value_node(f, 0, depth, &child);
        }
        if (rc == SCR_OK && (rc = add_child(node, child)) != SCR_OK) node_free(child);
        if (rc != SCR_OK) return rc;
    }
    return SCR_OK;
}

scr_status pf_form_new(const ProtobufCMessageDescriptor *type, pf_form **out) {
    if (!type || !out) return SCR_ERR_ARGUMENT;
    *out = NULL;
    pf_form *form = calloc(1, sizeof *form);
    pf_node *root = calloc(1, sizeof *root);
    if (!form || !root) {
        free(form);
        free(root);
        return SCR_ERR_NO_MEMORY;
    }
    root->kind = PF_MESSAGE;
    root->message = type;
    form->root = root;
    scr_status rc = expand_message(root, 0);
    if (rc == SCR_OK) rc = pf_rows(form);
    if (rc != SCR_OK) {
        pf_form_free(form);
        return rc;
    }
    *out = form;
    return SCR_OK;
}

void pf_form_free(pf_form *form) {
    if (!form) return;
    node_free(form->root);
    free(form->rows);
    free(form);
}

pf_node *pf_find(pf_form *form, const char *path) {
    pf_node *node = form->root;
    const char *p = path;
    while (node && *p) {
        size_t n = strcspn(p, ".");
        pf_node *next = NULL;
        for (size_t i = 0; i < node->n_children && !next; i++) {
            const char *name = node->children[i]->field->name;
            if (strlen(name) == n && strncmp(name, p, n) == 0) next = node->children[i];
        }
        node = next;
        p += n;
        if (*p == '.') p++;
    }
    return node;
}

const ProtobufCMessageDescriptor *pf_owner(const pf_node *node) {
    const pf_node *p = node->parent;
    if (p && p->kind == PF_LIST) p = p->parent;
    return p ? p->message : NULL;
}

scr_status pf_path(const pf_node *node, char *buffer, size_t size) {
    if (!size) return SCR_ERR_ARGUMENT;
    buffer[0] = '\0';
    const char *names[16];
    size_t n = 0;
    for (const pf_node *p = node; p && p->field && n < 16; p = p->parent) {
        if (p->index) continue;   /* an item: its list node names the field */
        names[n++] = p->field->name;
    }
    size_t used = 0;
    while (n--) {
        int w = snprintf(buffer + used, size - used, "%s%s", used ? "." : "", names[n]);
        if (w < 0 || (size_t)w >= size - used) return SCR_ERR_ARGUMENT;
        used += (size_t)w;
    }
    return SCR_OK;
}

scr_status pf_label_key(const pf_node *node, char *buffer, size_t size) {
    const ProtobufCMessageDescriptor *owner = pf_owner(node);
    if (!owner || !node->field) return SCR_ERR_ARGUMENT;
    int n = snprintf(buffer, size, "%s.%s", owner->name, node->field->name);
    return n > 0 && (size_t)n < size ? SCR_OK : SCR_ERR_ARGUMENT;
}

scr_status pf_set_text(pf_node *node, const char *text) { return line_set_utf8(&node->text, text); }

scr_status pf_set_number(pf_node *node, int number) {
    if (node->kind == PF_BOOL) {
        node->choice = number != 0;
        return SCR_OK;
    }
    if (node->kind != PF_ENUM) return SCR_ERR_ARGUMENT;
    const ProtobufCEnumDescriptor *e = node->field->descriptor;
    for (unsigned i = 0; i < e->n_values; i++)
        if (e->values[i].value == number) {
            node->choice = (int)i;
            return SCR_OK;
        }
    return SCR_ERR_ARGUMENT;
}

int pf_number(const pf_node *node) {
    if (node->kind == PF_BOOL) return node->choice;
    if (node->kind != PF_ENUM) return 0;
    const ProtobufCEnumDescriptor *e = node->field->descriptor;
    return node->choice >= 0 && (unsigned)node->choice < e->n_values ? e->values[node->choice].value : 0;
}

scr_status pf_text(const pf_node *node, char *buffer, size_t size) { return line_copy_utf8(&node->text, buffer, size); }

int pf_is_default(const pf_node *node) {
    switch (node->kind) {
    case PF_TEXT: case PF_BYTES: return node->text.len == 0;
    case PF_NUMBER: case PF_DECIMAL: {
        char text[64];
        pf_text(node, text, sizeof text);
        return !*text || strtod(text, NULL) == 0;
    }
    case PF_BOOL: case PF_ENUM: return pf_number(node) == 0;
    case PF_LIST: return node->n_children == 0;
    case PF_MESSAGE:
        for (size_t i = 0; i < node->n_children; i++)
            if (!pf_is_default(node->children[i])) return 0;
        return 1;
    }
    return 1;
}

scr_status pf_list_add(pf_node *list, pf_node **item) {
    if (list->kind != PF_LIST) return SCR_ERR_ARGUMENT;
    int depth = 0;
    for (const pf_node *p = list->parent; p; p = p->parent) depth++;
    pf_node *node = NULL;
    scr_status rc = new_value_node(list->field, list->n_children + 1, depth, &node);
    if (rc == SCR_OK && (rc = add_child(list, node)) != SCR_OK) node_free(node);
    if (rc == SCR_OK && item) *item = node;
    return rc;
}

scr_status pf_list_remove(pf_node *list, size_t position) {
    if (list->kind != PF_LIST || position >= list->n_children) return SCR_ERR_ARGUMENT;
    node_free(list->children[position]);
    memmove(list->children + position, list->children + position + 1,
            (list->n_children - position - 1) * sizeof *list->children);
    list->n_children--;
    for (size_t i = 0; i < list->n_children; i++) list->children[i]->index = i + 1;
    return SCR_OK;
}

scr_status pf_set_error(pf_node *node, const char *text) {
    free(node->error);
    node->error = NULL;
    if (text && !(node->error = strdup(text))) return SCR_ERR_NO_MEMORY;
    return SCR_OK;
}

static void clear_errors(pf_node *node) {
    pf_set_error(node, NULL);
    for (size_t i = 0; i < node->n_children; i++) clear_errors(node->children[i]);
}

scr_status pf_clear_errors(pf_form *form) {
    clear_errors(form->root);
    return SCR_OK;
}

static pf_node *first_error(pf_node *node) {
    if (node->error && !(node->flags & PF_HIDDEN)) return node;
    for (size_t i = 0; i < node->n_children; i++) {
        pf_node *found = first_error(node->children[i]);
        if (found) return found;
    }
    return NULL;
}

pf_node *pf_first_error(pf_form *form) { return first_error(form->root); }

/* --- rows --- */

static scr_status add_row(pf_form *form, pf_node *node, pf_row_type type, int depth) {
    if (form->n_rows == form->cap_rows) {
        size_t cap = form->cap_rows ? form->cap_rows * 2 : 32;
        pf_row *rows = realloc(form->rows, cap * sizeof *rows);
        if (!rows) return SCR_ERR_NO_MEMORY;
        form->rows = rows;
        form->cap_rows = cap;
    }
    form->rows[form->n_rows++] = (pf_row){node, type, depth};
    return SCR_OK;
}

static scr_status add_rows(pf_form *form, pf_node *message, int depth) {
    scr_status rc = SCR_OK;
    for (size_t i = 0; i < message->n_children && rc == SCR_OK; i++) {
        pf_node *c = message->children[i];
        if (c->flags & PF_HIDDEN) continue;
        if (c->kind == PF_MESSAGE) {
            if ((rc = add_row(form, c, ROW_GROUP, depth)) == SCR_OK) rc = add_rows(form, c, depth + 1);
        } else if (c->kind == PF_LIST) {
            rc = add_row(form, c, ROW_LIST, depth);
            for (size_t k = 0; k < c->n_children && rc == SCR_OK; k++) {
                pf_node *item = c->children[k];
                if (item->kind == PF_MESSAGE) {
                    if ((rc = add_row(form, item, ROW_ITEM, depth + 1)) == SCR_OK) rc = add_rows(form, item, depth + 2);
                } else {
                    rc = add_row(form, item, ROW_VALUE, depth + 1);
                }
            }
        } else {
            rc = add_row(form, c, ROW_VALUE, depth);
        }
    }
    return rc;
}

scr_status pf_rows(pf_form *form) {
    form->n_rows = 0;
    scr_status rc = add_rows(form, form->root, 0);
    if (form->cursor >= form->n_rows) form->cursor = form->n_rows ? form->n_rows - 1 : 0;
    return rc;
}

/* --- checks by type and by name --- */

static int name_ends(const char *name, const char *suffix) {
    size_t n = strlen(name), m = strlen(suffix);
    return n >= m && strcmp(name + n - m, suffix) == 0;
}

/* Date fields: *_date, *_on, since, from, to; month fields: *_month, month. */
static int is_date_field(const char *name) {
    return name_ends(name, "_date") || name_ends(name, "_on") || !strcmp(name, "since") || !strcmp(name, "from") ||
           !strcmp(name, "to") || !strcmp(name, "date");
}

static int is_month_field(const char *name) { return name_ends(name, "_month") || !strcmp(name, "month"); }

int pf_is_date(const pf_node *node) { return node->kind == PF_TEXT && node->field && is_date_field(node->field->name); }
int pf_is_month(const pf_node *node) { return node->kind == PF_TEXT && node->field && is_month_field(node->field->name); }

static scr_check check_number(const pf_node *node, const char *text) {
    char *end = NULL;
    errno = 0;
    switch (node->field->type) {
    case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32: case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: {
        if (strchr(text, '-')) return CHECK_NUMBER;
        unsigned long long v = strtoull(text, &end, 10);
        int wide = node->field->type == PROTOBUF_C_TYPE_UINT64 || node->field->type == PROTOBUF_C_TYPE_FIXED64;
        return errno || *end || end == text || (!wide && v > UINT32_MAX) ? CHECK_NUMBER : CHECK_OK;
    }
    default: {
        long long v = strtoll(text, &end, 10);
        int wide = node->field->type == PROTOBUF_C_TYPE_INT64 || node->field->type == PROTOBUF_C_TYPE_SINT64 ||
                   node->field->type == PROTOBUF_C_TYPE_SFIXED64;
        return errno || *end || end == text || (!wide && (v > INT32_MAX || v < INT32_MIN)) ? CHECK_NUMBER : CHECK_OK;
    }
    }
}

static scr_status check_node(scr_app *app, pf_node *node, const char *today) {
    char text[256];
    scr_check check = CHECK_OK;
    if (node->kind == PF_NUMBER || node->kind == PF_DECIMAL || node->kind == PF_TEXT) pf_text(node, text, sizeof text);
    if (node->kind == PF_NUMBER && *text) check = check_number(node, text);
    if (node->kind == PF_DECIMAL && *text) {
        char *end = NULL;
        errno = 0;
        strtod(text, &end);
        if (errno || *end || end == text) check = CHECK_DECIMAL;
    }
    if (node->kind == PF_TEXT && *text && is_date_field(node->field->name)) check = check_date(text);
    if (node->kind == PF_TEXT && *text && is_month_field(node->field->name)) check = check_month(text);
    (void)today;
    if (check != CHECK_OK) return pf_set_error(node, check_words(app, check));
    for (size_t i = 0; i < node->n_children; i++) {
        scr_status rc = check_node(app, node->children[i], today);
        if (rc != SCR_OK) return rc;
    }
    return SCR_OK;
}

scr_status pf_check_types(scr_app *app, pf_form *form) {
    char today[11] = "";
    check_today(today);
    return check_node(app, form->root, today);
}

static scr_status fill_context(scr_app *app, pf_node *node) {
    if (node->kind == PF_TEXT && node->field && !node->index && node->text.len == 0 &&
        name_ends(node->field->name, "_id")) {
        const char *value = app_recall(app, node->field->name);
        if (value) return pf_set_text(node, value);
    }
    if (node->kind == PF_LIST) return SCR_OK;
    for (size_t i = 0; i < node->n_children; i++) {
        scr_status rc = fill_context(app, node->children[i]);
        if (rc != SCR_OK) return rc;
    }
    return SCR_OK;
}

scr_status pf_fill_context(scr_app *app, pf_form *form) { return fill_context(app, form->root); }
