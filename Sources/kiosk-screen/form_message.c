/*
 * Forms and messages (form.h): the tree of a form turned into the request message and back, and
 * forms copied and rebased onto a newer record. Messages built here are allocated with malloc
 * throughout, so that protobuf_c_message_free_unpacked frees them like any unpacked message.
 */
#include "form.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- building messages --- */

static size_t slot_size(const ProtobufCFieldDescriptor *f) {
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: return sizeof(uint64_t);
    case PROTOBUF_C_TYPE_DOUBLE: return sizeof(double);
    case PROTOBUF_C_TYPE_FLOAT: return sizeof(float);
    case PROTOBUF_C_TYPE_BOOL: return sizeof(protobuf_c_boolean);
    case PROTOBUF_C_TYPE_ENUM: return sizeof(int);
    case PROTOBUF_C_TYPE_STRING: return sizeof(char *);
    case PROTOBUF_C_TYPE_BYTES: return sizeof(ProtobufCBinaryData);
    case PROTOBUF_C_TYPE_MESSAGE: return sizeof(ProtobufCMessage *);
    default: return sizeof(uint32_t);
    }
}

static scr_status build_message(const pf_node *node, ProtobufCMessage **out);

/* Writes the node's value into the slot of its field's type. */
static scr_status store_value(void *slot, const pf_node *node) {
    const ProtobufCFieldDescriptor *f = node->field;
    char text[512];
    if (node->kind == PF_NUMBER || node->kind == PF_DECIMAL) pf_text(node, text, sizeof text);
    switch (node->kind) {
    case PF_TEXT: return line_to_utf8(&node->text, (char **)slot);
    case PF_BYTES: {
        char *bytes = NULL;
        if (line_to_utf8(&node->text, &bytes) != SCR_OK) return SCR_ERR_NO_MEMORY;
        ((ProtobufCBinaryData *)slot)->len = strlen(bytes);
        ((ProtobufCBinaryData *)slot)->data = (uint8_t *)bytes;
        return SCR_OK;
    }
    case PF_NUMBER:
        switch (f->type) {
        case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32: *(uint32_t *)slot = (uint32_t)strtoull(text, NULL, 10); break;
        case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: *(uint64_t *)slot = strtoull(text, NULL, 10); break;
        case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
            *(int64_t *)slot = strtoll(text, NULL, 10);
            break;
        default: *(int32_t *)slot = (int32_t)strtoll(text, NULL, 10); break;
        }
        return SCR_OK;
    case PF_DECIMAL:
        if (f->type == PROTOBUF_C_TYPE_FLOAT) *(float *)slot = strtof(text, NULL);
        else *(double *)slot = strtod(text, NULL);
        return SCR_OK;
    case PF_BOOL: *(protobuf_c_boolean *)slot = node->choice != 0; return SCR_OK;
    case PF_ENUM: *(int *)slot = pf_number(node); return SCR_OK;
    case PF_MESSAGE: return build_message(node, (ProtobufCMessage **)slot);
    case PF_LIST: return SCR_ERR_ARGUMENT;
    }
    return SCR_ERR_ARGUMENT;
}

static scr_status set_field(ProtobufCMessage *m, const pf_node *node) {
    const ProtobufCFieldDescriptor *f = node->field;
    char *base = (char *)m;
    if (node->kind == PF_LIST) {
        if (!node->n_children) return SCR_OK;
        size_t size = slot_size(f);
        char *array = calloc(node->n_children, size);
        if (!array) return SCR_ERR_NO_MEMORY;
        *(void **)(base + f->offset) = array;
        *(size_t *)(base + f->quantifier_offset) = node->n_children;
        for (size_t i = 0; i < node->n_children; i++) {
            scr_status rc = store_value(array + i * size, node->children[i]);
            if (rc != SCR_OK) return rc;
        }
        return SCR_OK;
    }
    if (pf_is_default(node)) return SCR_OK;
    scr_status rc = store_value(base + f->offset, node);
    if (rc != SCR_OK) return rc;
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) *(uint32_t *)(base + f->quantifier_offset) = f->id;
    else if (f->label == PROTOBUF_C_LABEL_OPTIONAL && f->quantifier_offset && f->type != PROTOBUF_C_TYPE_STRING &&
             f->type != PROTOBUF_C_TYPE_MESSAGE)
        *(protobuf_c_boolean *)(base + f->quantifier_offset) = 1;
    return SCR_OK;
}

static scr_status build_message(const pf_node *node, ProtobufCMessage **out) {
    const ProtobufCMessageDescriptor *d = node->message;
    *out = NULL;
    ProtobufCMessage *m = calloc(1, d->sizeof_message);
    if (!m) return SCR_ERR_NO_MEMORY;
    d->message_init(m);
    for (size_t i = 0; i < node->n_children; i++) {
        scr_status rc = set_field(m, node->children[i]);
        if (rc != SCR_OK) {
            protobuf_c_message_free_unpacked(m, NULL);
            return rc;
        }
    }
    *out = m;
    return SCR_OK;
}

scr_status pf_build(const pf_form *form, ProtobufCMessage **out) {
    if (!form || !out) return SCR_ERR_ARGUMENT;
    return build_message(form->root, out);
}

/* --- filling from messages --- */

static scr_status fill_message(pf_node *node, const ProtobufCMessage *m);

static scr_status load_value(pf_node *node, const void *slot) {
    const ProtobufCFieldDescriptor *f = node->field;
    char text[64] = "";
    switch (node->kind) {
    case PF_TEXT: return pf_set_text(node, *(char *const *)slot);
    case PF_BYTES: {
        const ProtobufCBinaryData *b = slot;
        char *copy = malloc(b->len + 1);
        if (!copy) return SCR_ERR_NO_MEMORY;
        if (b->len) memcpy(copy, b->data, b->len);
        copy[b->len] = '\0';
        scr_status rc = pf_set_text(node, copy);
        free(copy);
        return rc;
    }
    case PF_NUMBER:
        switch (f->type) {
        case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32: snprintf(text, sizeof text, "%" PRIu32, *(const uint32_t *)slot); break;
        case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: snprintf(text, sizeof text, "%" PRIu64, *(const uint64_t *)slot); break;
        case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
            snprintf(text, sizeof text, "%" PRId64, *(const int64_t *)slot);
            break;
        default: snprintf(text, sizeof text, "%" PRId32, *(const int32_t *)slot); break;
        }
        return pf_set_text(node, strcmp(text, "0") ? text : "");
    case PF_DECIMAL: {
        double v = f->type == PROTOBUF_C_TYPE_FLOAT ? *(const float *)slot : *(const double *)slot;
        if (v != 0) snprintf(text, sizeof text, "%g", v);
        return pf_set_text(node, text);
    }
    case PF_BOOL: node->choice = *(const protobuf_c_boolean *)slot != 0; return SCR_OK;
    case PF_ENUM: return pf_set_number(node, *(const int *)slot) == SCR_OK ? SCR_OK : SCR_OK;
    case PF_MESSAGE: {
        const ProtobufCMessage *sub = *(ProtobufCMessage *const *)slot;
        return sub ? fill_message(node, sub) : SCR_OK;
    }
    case PF_LIST: return SCR_ERR_ARGUMENT;
    }
    return SCR_ERR_ARGUMENT;
}

static scr_status fill_field(pf_node *node, const ProtobufCMessage *m) {
    const ProtobufCFieldDescriptor *f = node->field;
    const char *base = (const char *)m;
    if (node->kind == PF_LIST) {
        while (node->n_children) pf_list_remove(node, node->n_children - 1);
        size_t n = *(const size_t *)(base + f->quantifier_offset);
        const char *array = *(char *const *)(base + f->offset);
        for (size_t i = 0; i < n; i++) {
            pf_node *item = NULL;
            scr_status rc = pf_list_add(node, &item);
            if (rc == SCR_OK) rc = load_value(item, array + i * slot_size(f));
            if (rc != SCR_OK) return rc;
        }
        return SCR_OK;
    }
    if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && *(const uint32_t *)(base + f->quantifier_offset) != f->id) return SCR_OK;
    if (node->kind == PF_MESSAGE && !node->n_children) return SCR_OK;   /* not expanded: too deep */
    return load_value(node, base + f->offset);
}

static scr_status fill_message(pf_node *node, const ProtobufCMessage *m) {
    if (!m || m->descriptor != node->message) return SCR_ERR_ARGUMENT;
    for (size_t i = 0; i < node->n_children; i++) {
        scr_status rc = fill_field(node->children[i], m);
        if (rc != SCR_OK) return rc;
    }
    return SCR_OK;
}

scr_status pf_fill(pf_form *form, const ProtobufCMessage *message) {
    scr_status rc = fill_message(form->root, message);
    if (rc == SCR_OK) rc = pf_rows(form);
    return rc;
}

/* --- copying and rebasing --- */

static int nodes_equal(const pf_node *a, const pf_node *b) {
    if (a->kind != b->kind || a->n_children != b->n_children) return 0;
    switch (a->kind) {
    case PF_BOOL: case PF_ENUM: return a->choice == b->choice;
    case PF_MESSAGE: case PF_LIST:
        for (size_t i = 0; i < a->n_children; i++)
            if (!nodes_equal(a->children[i], b->children[i])) return 0;
        return 1;
    default:
        return a->text.len == b->text.len && (!a->text.len || !wmemcmp(a->text.w, b->text.w, a->text.len));
    }
}

static scr_status copy_node(pf_node *target, const pf_node *source) {
    if (target->kind != source->kind) return SCR_ERR_ARGUMENT;
    switch (target->kind) {
    case PF_BOOL: case PF_ENUM: target->choice = source->choice; return SCR_OK;
    case PF_LIST:
        while (target->n_children) pf_list_remove(target, target->n_children - 1);
        for (size_t i = 0; i < source->n_children; i++) {
            pf_node *item = NULL;
            scr_status rc = pf_list_add(target, &item);
            if (rc == SCR_OK) rc = copy_node(item, source->children[i]);
            if (rc != SCR_OK) return rc;
        }
        return SCR_OK;
    case PF_MESSAGE:
        if (target->n_children != source->n_children) return SCR_ERR_ARGUMENT;
        for (size_t i = 0; i < target->n_children; i++) {
            scr_status rc = copy_node(target->children[i], source->children[i]);
            if (rc != SCR_OK) return rc;
        }
        return SCR_OK;
    default: {
        char *text = NULL;
        scr_status rc = line_to_utf8(&source->text, &text);
        if (rc == SCR_OK) rc = pf_set_text(target, text);
        free(text);
        return rc;
    }
    }
}

scr_status pf_copy(pf_form *target, const pf_form *source) {
    if (target->root->message != source->root->message) return SCR_ERR_ARGUMENT;
    scr_status rc = copy_node(target->root, source->root);
    return rc == SCR_OK ? pf_rows(target) : rc;
}

static scr_status rebase_node(pf_node *current, const pf_node *seen, const pf_node *edited) {
    if (current->kind == PF_MESSAGE) {
        if (current->n_children != seen->n_children || seen->n_children != edited->n_children) return SCR_ERR_ARGUMENT;
        for (size_t i = 0; i < current->n_children; i++) {
            scr_status rc = rebase_node(current->children[i], seen->children[i], edited->children[i]);
            if (rc != SCR_OK) return rc;
        }
        return SCR_OK;
    }
    return nodes_equal(seen, edited) ? SCR_OK : copy_node(current, edited);
}

scr_status pf_rebase(pf_form *current, const pf_form *seen, const pf_form *edited) {
    if (current->root->message != seen->root->message || seen->root->message != edited->root->message)
        return SCR_ERR_ARGUMENT;
    scr_status rc = rebase_node(current->root, seen->root, edited->root);
    return rc == SCR_OK ? pf_rows(current) : rc;
}
