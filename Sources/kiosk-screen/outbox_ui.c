/*
 * The outbox as the worker sees it: every submission with where it is — waiting (and why: no
 * connection, the session ended), delivered, or refused (in the worker's words) — the answers that
 * came while the worker did something else, and what to do about a refusal: correct the form and
 * send it again, or (a registration answered with possible duplicates) compare and decide.
 */
#include "form.h"
#include "render.h"
#include "ui.h"
#include "kiosk/core/v1/children.pb-c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry_copy {
    char key[33];
    char method[160];
    char message[256];
    kiosk_outbox_state state;
    uint32_t code;
    int64_t attempts, created_at;
} entry_copy;

typedef struct entries {
    entry_copy *items;
    size_t n, cap;
    scr_status rc;
} entries;

static int copy_entry(const kiosk_outbox_entry *e, void *context) {
    entries *list = context;
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 32;
        entry_copy *items = realloc(list->items, cap * sizeof *items);
        if (!items) {
            list->rc = SCR_ERR_NO_MEMORY;
            return 1;
        }
        list->items = items;
        list->cap = cap;
    }
    entry_copy *c = &list->items[list->n++];
    snprintf(c->key, sizeof c->key, "%s", e->idempotency_key);
    snprintf(c->method, sizeof c->method, "%s", e->method);
    snprintf(c->message, sizeof c->message, "%s", e->status_message);
    c->state = e->state;
    c->code = e->status_code;
    c->attempts = e->attempts;
    c->created_at = e->created_at_unix;
    return 0;
}

static const char *method_label(scr_app *app, const char *path) {
    const ProtobufCServiceDescriptor *s = NULL;
    const ProtobufCMethodDescriptor *m = NULL;
    if (catalog_method(path, &s, &m) != SCR_OK) return path;
    char key[256];
    snprintf(key, sizeof key, "%s/%s", s->name, m->name);
    return app_label(app, key, m->name);
}

static scr_status load(scr_app *app, entries *list, scr_list *rows) {
    list->n = 0;
    list->rc = SCR_OK;
    list_clear(rows);
    app_count_outbox(app);
    if (kiosk_outbox_list(app->outbox, copy_entry, list) != KIOSK_OK)
        return list_add(rows, kiosk_outbox_error(app->outbox), 0, STYLE_ERROR, 0);
    list_addf(rows, 0, STYLE_HEADING, 0, app_text(app, T_OUTBOX_SUMMARY), (long long)app->counts.pending,
              (long long)app->counts.delivered, (long long)app->counts.refused);
    if (!list->n) list_add(rows, app_text(app, T_OUTBOX_EMPTY), 0, STYLE_DIM, 0);
    /* Newest first: what the worker just did is on top. */
    for (size_t k = list->n; k-- > 0;) {
        const entry_copy *c = &list->items[k];
        char when[20];
        render_time(c->created_at, when);
        scr_sb row = {0}, words = {0};
        sb_printf(&row, "%s  ", when + 5);
        sb_cell(&row, method_label(app, c->method), 22);
        scr_style style = STYLE_NORMAL;
        if (c->state == KIOSK_OUTBOX_PENDING) {
            style = STYLE_WARNING;
            sb_printf(&row, "  … %s", app_text(app, c->code == KIOSK_CODE_UNAUTHENTICATED ? T_WAITING_FOR_PIN : T_WAITING_TO_SEND));
        } else if (c->code == KIOSK_CODE_OK) {
            style = STYLE_OK;
            sb_printf(&row, "  ✓ %s", app_text(app, T_DELIVERED));
        } else {
            style = STYLE_ERROR;
            scr_refusal r = {.code = c->code};
            snprintf(r.message, sizeof r.message, "%s", c->message);
            snprintf(r.method, sizeof r.method, "%s", c->method);
            refusal_describe(app, &r, &words);
            /* The field and the gist when the refusal names a field; else what the code means. */
            const char *newline = strchr(words.s, '\n');
            sb_printf(&row, "  ✗ %s · %s", app_text(app, T_REFUSED), newline ? newline + 1 : words.s);
        }
        list_add(rows, row.s, 1, style, (long)k);
        sb_free(&row);
        sb_free(&words);
    }
    return list_reset(rows);
}

/* A refused entry: the refusal, then correct and send again, or leave it. */
static scr_status open_refused(scr_app *app, const entry_copy *c) {
    scr_refusal r = {.code = c->code};
    snprintf(r.message, sizeof r.message, "%s", c->message);
    snprintf(r.method, sizeof r.method, "%s", c->method);
    if (show_refusal(app, method_label(app, c->method), &r) == SCR_LEAVE) return SCR_LEAVE;
    const ProtobufCServiceDescriptor *s = NULL;
    const ProtobufCMethodDescriptor *m = NULL;
    if (catalog_method(c->method, &s, &m) != SCR_OK) return SCR_OK;
    const char *items[] = {app_text(app, T_CORRECT_AND_SEND), app_text(app, T_BACK)};
    size_t choice = 0;
    scr_status rc = ui_choose(app, method_label(app, c->method), items, 2, &choice);
    if (rc != SCR_OK || choice != 0) return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
    ProtobufCMessage *request = NULL;
    if (kiosk_outbox_request(app->outbox, c->key, m->input, &request) != KIOSK_OK)
        return ui_message(app, method_label(app, c->method), kiosk_outbox_error(app->outbox), NULL);
    rc = screen_method(app, s, m, request, &r);
    protobuf_c_message_free_unpacked(request, NULL);
    return rc;
}

static scr_status open_delivered(scr_app *app, const entry_copy *c) {
    const ProtobufCServiceDescriptor *s = NULL;
    const ProtobufCMethodDescriptor *m = NULL;
    if (catalog_method(c->method, &s, &m) != SCR_OK) return ui_message(app, c->method, app_text(app, T_DELIVERED), NULL);
    ProtobufCMessage *answer = NULL;
    if (kiosk_outbox_response(app->outbox, c->key, m->output, &answer) != KIOSK_OK)
        return ui_message(app, method_label(app, c->method), kiosk_outbox_error(app->outbox), NULL);
    scr_status rc;
    const Kiosk__Core__V1__RegisterChildResponse *registered = (const Kiosk__Core__V1__RegisterChildResponse *)answer;
    if (m->output == &kiosk__core__v1__register_child_response__descriptor &&
        registered->result_case == KIOSK__CORE__V1__REGISTER_CHILD_RESPONSE__RESULT_CANDIDATES) {
        ProtobufCMessage *request = NULL;
        rc = kiosk_outbox_request(app->outbox, c->key, m->input, &request) == KIOSK_OK
                 ? screen_duplicates(app, request, answer)
                 : ui_message(app, method_label(app, c->method), kiosk_outbox_error(app->outbox), NULL);
        if (request) protobuf_c_message_free_unpacked(request, NULL);
    } else {
        rc = screen_answer(app, method_label(app, c->method), app_text(app, T_DELIVERED), answer);
    }
    protobuf_c_message_free_unpacked(answer, NULL);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}

static scr_status open_entry(scr_app *app, const entry_copy *c) {
    if (c->state == KIOSK_OUTBOX_ANSWERED && c->code == KIOSK_CODE_OK) return open_delivered(app, c);
    if (c->state == KIOSK_OUTBOX_ANSWERED) return open_refused(app, c);
    scr_sb words = {0};
    sb_printf(&words, app_text(app, T_PENDING_DETAIL), (long long)c->attempts);
    scr_status rc = ui_message(app, method_label(app, c->method), words.s, c->message);
    sb_free(&words);
    return rc;
}

static const scr_hint outbox_hints[] = {
    {"Enter", T_OPEN, ACT_SELECT, 0, NULL}, {"F5", T_SEND_NOW, ACT_SUBMIT, 0, NULL}, {"Del", T_CLEAR_ANSWERED, ACT_DELETE, 0, NULL},
    {"Esc", T_BACK, ACT_BACK, 0, NULL},     {"F1", T_HELP, ACT_HELP, 0, NULL},
};

scr_status screen_outbox(scr_app *app) {
    if (!app->outbox) return SCR_OK;
    entries list = {0};
    scr_list rows = {0};
    scr_status rc = SCR_OK;
    app->modal++;
    app->counts.unseen = 0;
    app->notice[0] = '\0';
    load(app, &list, &rows);
    for (;;) {
        ui_frame(app, app_text(app, T_OUTBOX_TITLE), outbox_hints, sizeof outbox_hints / sizeof *outbox_hints);
        list_draw(app, &rows, UI_CONTENT_TOP, ui_content_bottom(app));
        scr_event e;
        ui_event(app, &e);
        long tag = 0;
        scr_status sub = SCR_OK;
        if (e.action == ACT_LEAVE) { rc = SCR_LEAVE; break; }
        if (e.action == ACT_BACK) break;
        if (e.action == ACT_TICK || e.action == ACT_RESIZE) {
            if (app->counts.unseen) {
                app->counts.unseen = 0;
                app->notice[0] = '\0';
                load(app, &list, &rows);
            }
            continue;
        }
        if (e.action == ACT_SUBMIT) {
            app_flush(app, 0);
            load(app, &list, &rows);
            continue;
        }
        if (e.action == ACT_DELETE) {
            kiosk_outbox_prune(app->outbox);
            load(app, &list, &rows);
            continue;
        }
        if (e.action == ACT_CLICK) {
            size_t row;
            if (list_click(&rows, UI_CONTENT_TOP, e.y, &row) != SCR_OK) continue;
            rows.cursor = row;
        }
        if ((e.action == ACT_SELECT || e.action == ACT_CLICK) && list_selected(&rows, &tag) == SCR_OK &&
            (size_t)tag < list.n) {
            entry_copy c = list.items[tag];
            sub = open_entry(app, &c);
            if (sub == SCR_LEAVE) { rc = SCR_LEAVE; break; }
            size_t cursor = rows.cursor;
            load(app, &list, &rows);
            if (cursor < rows.n && rows.rows[cursor].selectable) rows.cursor = cursor;
            continue;
        }
        int moved = 0;
        list_move(&rows, e.action, ui_content_bottom(app) - UI_CONTENT_TOP, &moved);
    }
    free(list.items);
    list_free(&rows);
    app->modal--;
    return rc;
}
