/*
 * form.h: forms generated from protobuf-c message descriptors. A form is a tree with one node per
 * field: scalars are typed as text (numbers checked as they are typed), enums and bools are choices,
 * nested messages are groups of their own fields, repeated fields are lists whose items are added and
 * removed. pf_build turns the tree into the request message; pf_fill puts a message (a record to
 * edit, a refused submission to correct) back into it. Nothing here knows any particular message.
 */
#ifndef SCREEN_FORM_H
#define SCREEN_FORM_H

#include "screen.h"

typedef enum pf_kind { PF_TEXT, PF_NUMBER, PF_DECIMAL, PF_BOOL, PF_ENUM, PF_MESSAGE, PF_LIST, PF_BYTES } pf_kind;

/* Node flags. */
enum { PF_HIDDEN = 1, PF_READONLY = 2 };

typedef struct pf_node {
    pf_kind kind;
    /* The field this node fills (the repeated field for a list and its items); NULL for the root. */
    const ProtobufCFieldDescriptor *field;
    /* PF_MESSAGE and the root: the message type. */
    const ProtobufCMessageDescriptor *message;
    struct pf_node *parent;
    /* Items of a list: 1, 2, ...; 0 otherwise. */
    size_t index;
    scr_line text;
    /* PF_ENUM: index into the enum's values; PF_BOOL: 0 or 1. */
    int choice;
    struct pf_node **children;
    size_t n_children, cap_children;
    /* What is wrong with the value as typed (UTF-8), or NULL. Blocks submitting. */
    char *error;
    /* What the server said about this field when it refused the form; shown until the field is
     * edited, and does not block submitting again. */
    char *refused;
    unsigned flags;
} pf_node;

typedef enum pf_row_type {
    ROW_VALUE,   /* a value to type or choose */
    ROW_GROUP,   /* the heading of a nested message */
    ROW_LIST,    /* the heading of a repeated field: Insert adds an item */
    ROW_ITEM     /* the heading of one item of a repeated message: Delete removes it */
} pf_row_type;

typedef struct pf_row {
    pf_node *node;
    pf_row_type type;
    int depth;
} pf_row;

typedef struct pf_form pf_form;

/* Checks a form's values beyond their types (a screen's own rules); sets errors with pf_set_error. */
typedef scr_status (*pf_validator)(scr_app *app, pf_form *form, void *context);

struct pf_form {
    pf_node *root;
    pf_row *rows;
    size_t n_rows, cap_rows;
    size_t cursor, top;
    /* Something was typed since the form was made or filled. */
    int changed;
    /* Set while the checks run for a submission: required fields are checked only then. */
    int submitting;
    pf_validator validate;
    void *context;
};

scr_status pf_form_new(const ProtobufCMessageDescriptor *type, pf_form **out);
void pf_form_free(pf_form *form);

/* The node of a dotted field path without indices ("details.birth_date"); NULL when there is none. */
pf_node *pf_find(pf_form *form, const char *path);
/* The dotted path of a node (indices left out): "details.categories.kind". */
scr_status pf_path(const pf_node *node, char *buffer, size_t size);
/* The label key of a node's field: "<message full name>.<field name>". */
scr_status pf_label_key(const pf_node *node, char *buffer, size_t size);
/* The message type that holds a node's field. */
const ProtobufCMessageDescriptor *pf_owner(const pf_node *node);

scr_status pf_set_text(pf_node *node, const char *text);
/* Chooses an enum value by its number (or a bool by 0/1). */
scr_status pf_set_number(pf_node *node, int number);
/* The number of the chosen enum value (or the bool); 0 for other kinds. */
int pf_number(const pf_node *node);
/* The value as UTF-8 text (empty for groups and lists). */
scr_status pf_text(const pf_node *node, char *buffer, size_t size);
/* Non-zero when the node (and everything under it) holds the default value. */
int pf_is_default(const pf_node *node);

scr_status pf_list_add(pf_node *list, pf_node **item);
scr_status pf_list_remove(pf_node *list, size_t position);

scr_status pf_set_error(pf_node *node, const char *text);
scr_status pf_clear_errors(pf_form *form);
/* The first node (in row order) with an error, or NULL. */
pf_node *pf_first_error(pf_form *form);
/* Non-zero for text fields the screen checks as dates (*_date, *_on, since, from, to) or months (*_month, month). */
int pf_is_date(const pf_node *node);
int pf_is_month(const pf_node *node);
/* Checks every value against its type, and dates and months by field name (see docs/KIOSK-SCREEN.md). */
scr_status pf_check_types(scr_app *app, pf_form *form);

/* Rebuilds the rows after items were added or removed or flags changed. */
scr_status pf_rows(pf_form *form);

/* The request message of the form; free it with protobuf_c_message_free_unpacked. */
scr_status pf_build(const pf_form *form, ProtobufCMessage **out);
/* Puts a message's values into the form (lists get one item per element). */
scr_status pf_fill(pf_form *form, const ProtobufCMessage *message);

/* Copies every value of `source` into `target` (forms of the same message type). */
scr_status pf_copy(pf_form *target, const pf_form *source);
/* Rebases an edit: `edited` was made from `seen`; `current` holds the record as it is now. Every value
 * the worker changed (where `edited` differs from `seen`; a list as a whole) is put into `current`;
 * everything else keeps the value `current` has, so another worker's change is not undone. */
scr_status pf_rebase(pf_form *current, const pf_form *seen, const pf_form *edited);

/* Fills empty id fields (child_id, case_id, ...) from the ids the worker saw last. */
scr_status pf_fill_context(scr_app *app, pf_form *form);

/* Marks the field a refusal names (its message starts with the field's path) with the refusal's words. */
scr_status pf_mark_refusal(scr_app *app, pf_form *form, const scr_refusal *refusal);

/* Runs the form: the worker types, chooses, adds and removes items. SCR_OK when the worker
 * submits (F5) and no check failed, SCR_BACK when the worker leaves it, SCR_LEAVE on sign-out. */
scr_status form_run(scr_app *app, pf_form *form, const char *title, const char *intro);

#endif
