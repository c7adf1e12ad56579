/*
 * Every service the server runs, without code per plugin: the services come from the descriptor
 * catalog (the plugins the server reports, then the core's own), their methods from the service
 * descriptors, and each method's form from its request message. Methods that only read (Get*, List*,
 * Search*, Check*, Export*, Find*) are called directly; every other method changes data and goes
 * through the outbox. Answers are shown generically, and the ids in them are offered to later forms.
 */
#include "form.h"
#include "render.h"
#include "ui.h"

#include <stdio.h>
#include <string.h>

static const char *service_label(const scr_app *app, const ProtobufCServiceDescriptor *s) {
    return app_label(app, s->name, s->short_name);
}

static const char *method_label(const scr_app *app, const ProtobufCServiceDescriptor *s, const ProtobufCMethodDescriptor *m) {
    char key[256];
    snprintf(key, sizeof key, "%s/%s", s->name, m->name);
    return app_label(app, key, m->name);
}

static const char *method_help(const scr_app *app, const ProtobufCServiceDescriptor *s, const ProtobufCMethodDescriptor *m) {
    char key[256];
    snprintf(key, sizeof key, "%s/%s", s->name, m->name);
    return app_help(app, key);
}

/* Remembers the ids an answer names (child_id, case_id, application_id, ...), outermost first. */
static scr_status remember_ids(scr_app *app, const ProtobufCMessage *m, int depth) {
    if (!m || depth > 4) return SCR_OK;
    const ProtobufCMessageDescriptor *d = m->descriptor;
    for (unsigned pass = 0; pass < 2; pass++)
        for (unsigned i = 0; i < d->n_fields; i++) {
            const ProtobufCFieldDescriptor *f = &d->fields[i];
            const char *slot = (const char *)m + f->offset;
            size_t n = strlen(f->name);
            if (f->label == PROTOBUF_C_LABEL_REPEATED) continue;
            if (pass == 0 && f->type == PROTOBUF_C_TYPE_STRING && n > 3 && !strcmp(f->name + n - 3, "_id") &&
                **(char *const *)slot && !(depth > 0 && app_recall(app, f->name) && !strcmp(f->name, "child_id")))
                app_remember(app, f->name, *(char *const *)slot);
            if (pass == 1 && f->type == PROTOBUF_C_TYPE_MESSAGE) remember_ids(app, *(ProtobufCMessage *const *)slot, depth + 1);
        }
    return SCR_OK;
}

static const scr_hint answer_hints[] = {{"Esc", T_BACK, ACT_BACK, 0, NULL}, {"↑↓", T_SCROLL, ACT_DOWN, 0, NULL}, {"F1", T_HELP, ACT_HELP, 0, NULL}};

/* Shows an answer; returns SCR_OK or SCR_LEAVE. */
scr_status screen_answer(scr_app *app, const char *title, const char *heading, const ProtobufCMessage *answer) {
    scr_list list = {0};
    int built_for = -1;
    scr_status rc = SCR_OK;
    remember_ids(app, answer, 0);
    for (;;) {
        if (built_for != app->cols * 10 + app->lang) {
            list_clear(&list);
            list_add(&list, heading, 0, STYLE_OK, 0);
            scr_render r = {app, &list, app->cols - 6, NULL};
            render_message(&r, answer, 2);
            if (list.n == 1) list_add(&list, app_text(app, T_EMPTY_ANSWER), 0, STYLE_DIM, 0);
            built_for = app->cols * 10 + app->lang;
        }
        ui_frame(app, title, answer_hints, sizeof answer_hints / sizeof *answer_hints);
        list_draw(app, &list, UI_CONTENT_TOP, ui_content_bottom(app));
        scr_event e;
        ui_event(app, &e);
        if (e.action == ACT_LEAVE) { rc = SCR_LEAVE; break; }
        if (e.action == ACT_BACK || e.action == ACT_SELECT) break;
        int moved = 0;
        list_move(&list, e.action, ui_content_bottom(app) - UI_CONTENT_TOP, &moved);
    }
    list_free(&list);
    return rc;
}

scr_status screen_method(scr_app *app, const ProtobufCServiceDescriptor *service, const ProtobufCMethodDescriptor *method,
                         const ProtobufCMessage *filled, const scr_refusal *refused) {
    pf_form *form = NULL;
    if (pf_form_new(method->input, &form) != SCR_OK) return SCR_ERR_NO_MEMORY;
    if (filled) pf_fill(form, filled);
    else pf_fill_context(app, form);
    if (refused) pf_mark_refusal(app, form, refused);
    char title[256], path[256];
    snprintf(title, sizeof title, "%s · %s", service_label(app, service), method_label(app, service, method));
    catalog_method_path(service, method, path, sizeof path);
    int reads = catalog_method_reads(method);
    scr_status rc;
    for (;;) {
        rc = form_run(app, form, title, method_help(app, service, method));
        if (rc != SCR_OK) break;
        ProtobufCMessage *request = NULL, *answer = NULL;
        if ((rc = pf_build(form, &request)) != SCR_OK) break;
        scr_refusal refusal;
        scr_delivery delivery = DELIVERY_WAITING;
        if (reads) {
            rc = app_read(app, path, request, method->output, &answer, &refusal);
            delivery = rc == SCR_OK ? DELIVERY_ACCEPTED : rc == SCR_REFUSED ? DELIVERY_REFUSED : DELIVERY_WAITING;
        } else {
            rc = app_submit(app, path, request, method->output, &delivery, &answer, &refusal, NULL);
        }
        protobuf_c_message_free_unpacked(request, NULL);
        if (rc == SCR_LEAVE) break;
        if (delivery == DELIVERY_ACCEPTED) {
            rc = screen_answer(app, title, app_text(app, reads ? T_ANSWER : T_ACCEPTED), answer);
            protobuf_c_message_free_unpacked(answer, NULL);
            if (rc == SCR_LEAVE || !reads) break;
            continue;
        }
        if (delivery == DELIVERY_REFUSED) {
            pf_mark_refusal(app, form, &refusal);
            if ((rc = show_refusal(app, title, &refusal)) == SCR_LEAVE) break;
            continue;
        }
        if (reads || rc == SCR_ERR_IO) {
            if ((rc = ui_message(app, title, app_text(app, reads ? T_READ_OFFLINE : T_OUTBOX_BROKEN), refusal.message)) == SCR_LEAVE)
                break;
            continue;
        }
        rc = show_waiting(app, title);
        break;
    }
    pf_form_free(form);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}

static const scr_hint menu_hints[] = {
    {"Enter", T_OPEN, ACT_SELECT, 0, NULL}, {"Esc", T_BACK, ACT_BACK, 0, NULL}, {"F1", T_HELP, ACT_HELP, 0, NULL}};

/* A list of choices with the help of the one under the cursor below it; SCR_OK with *tag, or SCR_BACK. */
static scr_status run_menu(scr_app *app, const char *title, scr_list *list, const char *(*help)(scr_app *, long, void *),
                           void *context, long *tag) {
    for (;;) {
        ui_frame(app, title, menu_hints, sizeof menu_hints / sizeof *menu_hints);
        int bottom = ui_content_bottom(app) - 3;
        list_draw(app, list, UI_CONTENT_TOP, bottom);
        long current = 0;
        if (list_selected(list, &current) == SCR_OK) {
            const char *text = help(app, current, context);
            scr_list lines = {0};
            list_add_wrapped(&lines, text ? text : "", app->cols - 6, 0, 0, STYLE_DIM, 0);
            for (size_t k = 0; k < lines.n && k < 3; k++)
                ui_put(app, bottom + (int)k, 2, app->cols - 4, lines.rows[k].text, STYLE_DIM, NULL);
            list_free(&lines);
        }
        scr_event e;
        ui_event(app, &e);
        if (e.action == ACT_LEAVE) return SCR_LEAVE;
        if (e.action == ACT_BACK) return SCR_BACK;
        if (e.action == ACT_CLICK) {
            size_t row;
            if (list_click(list, UI_CONTENT_TOP, e.y, &row) != SCR_OK) continue;
            list->cursor = row;
        }
        if (e.action == ACT_CHAR && e.ch >= L'1' && e.ch <= L'9') {
            size_t want = (size_t)(e.ch - L'1'), seen = 0;
            for (size_t i = 0; i < list->n; i++)
                if (list->rows[i].selectable && seen++ == want) {
                    list->cursor = i;
                    *tag = list->rows[i].tag;
                    return SCR_OK;
                }
            continue;
        }
        if ((e.action == ACT_SELECT || e.action == ACT_CLICK) && list_selected(list, tag) == SCR_OK) return SCR_OK;
        int moved = 0;
        list_move(list, e.action, bottom - UI_CONTENT_TOP, &moved);
    }
}

typedef struct service_menu {
    const ProtobufCServiceDescriptor *const *services;
    const ProtobufCServiceDescriptor *service;
} service_menu;

static const char *service_help(scr_app *app, long tag, void *context) {
    service_menu *menu = context;
    return app_help(app, menu->services[tag]->name);
}

static const char *method_help_of(scr_app *app, long tag, void *context) {
    service_menu *menu = context;
    return method_help(app, menu->service, &menu->service->methods[tag]);
}

static scr_status run_service(scr_app *app, const ProtobufCServiceDescriptor *service) {
    scr_list list = {0};
    service_menu menu = {NULL, service};
    int number = 0;
    for (unsigned i = 0; i < service->n_methods; i++) {
        const ProtobufCMethodDescriptor *m = &service->methods[i];
        if (catalog_method_streams(m)) continue;
        number++;
        scr_sb row = {0};
        if (number <= 9) sb_printf(&row, "%d  ", number);
        else sb_append(&row, "   ");
        sb_cell(&row, method_label(app, service, m), 30);
        sb_printf(&row, "  %s", app_text(app, catalog_method_reads(m) ? T_METHOD_READS : T_METHOD_CHANGES));
        list_add(&list, row.s, 1, STYLE_NORMAL, (long)i);
        sb_free(&row);
    }
    list_reset(&list);
    scr_status rc;
    for (;;) {
        long tag = 0;
        rc = run_menu(app, service_label(app, service), &list, method_help_of, &menu, &tag);
        if (rc != SCR_OK) break;
        rc = screen_method(app, service, &service->methods[tag], NULL, NULL);
        if (rc == SCR_LEAVE) break;
    }
    list_free(&list);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}

static scr_status service_rows(scr_app *app, const ProtobufCServiceDescriptor *const *services, size_t n, scr_list *list) {
    list_clear(list);
    list_add(list, app_text(app, app->plugins_known ? T_PLUGIN_SERVICES : T_PLUGIN_SERVICES_UNCONFIRMED), 0, STYLE_HEADING, 0);
    int number = 0;
    for (int core = 0; core < 2; core++) {
        if (core) list_add(list, app_text(app, T_CORE_SERVICES), 0, STYLE_HEADING, 0);
        for (size_t i = 0; i < n; i++) {
            char plugin[64];
            catalog_service_plugin(services[i], plugin, sizeof plugin);
            int is_core = !*plugin;
            if (is_core != core) continue;
            if (!is_core && !app_plugin_installed(app, plugin)) continue;
            if (is_core && (!strcmp(services[i]->package, "kiosk.host.v1") || !strcmp(services[i]->short_name, "Session")))
                continue;
            number++;
            if (number <= 9) list_addf(list, 1, STYLE_NORMAL, (long)i, "%d  %s", number, service_label(app, services[i]));
            else list_addf(list, 1, STYLE_NORMAL, (long)i, "   %s", service_label(app, services[i]));
        }
    }
    return list_reset(list);
}

scr_status screen_services(scr_app *app) {
    const ProtobufCServiceDescriptor *const *services = NULL;
    const ProtobufCMessageDescriptor *const *messages = NULL;
    size_t n = 0, n_messages = 0;
    if (catalog_tables(&services, &n, &messages, &n_messages) != SCR_OK) return SCR_ERR_ARGUMENT;
    if (!app->plugins_known) app_refresh_server_info(app);
    scr_list list = {0};
    service_menu menu = {services, NULL};
    scr_status rc;
    for (;;) {
        service_rows(app, services, n, &list);
        long tag = 0;
        rc = run_menu(app, app_text(app, T_SERVICES_TITLE), &list, service_help, &menu, &tag);
        if (rc != SCR_OK) break;
        rc = run_service(app, services[tag]);
        if (rc == SCR_LEAVE) break;
    }
    list_free(&list);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}
