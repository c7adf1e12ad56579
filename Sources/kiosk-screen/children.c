/*
 * Finding a child (by name in characters, pinyin with or without spaces, or identity number: the
 * server reads the query) and the child's record: details, household and caregivers, categories,
 * visits and applications, with the actions a worker takes from there.
 */
#include "ui.h"
#include "render.h"
#include "kiosk/core/v1/applications.pb-c.h"
#include "kiosk/core/v1/children.pb-c.h"

#include <stdio.h>
#include <string.h>

static const scr_hint find_hints[] = {
    {"Enter", T_SEARCH_OR_OPEN, ACT_SELECT, 0, NULL}, {"↑↓", T_CHOOSE, ACT_DOWN, 0, NULL},
    {"Esc", T_BACK, ACT_BACK, 0, NULL},               {"F1", T_HELP, ACT_HELP, 0, NULL},
};

static scr_status search(scr_app *app, const scr_line *query, Kiosk__Core__V1__SearchChildrenResponse **found,
                         scr_list *list) {
    char text[256];
    line_copy_utf8(query, text, sizeof text);
    Kiosk__Core__V1__SearchChildrenRequest r = KIOSK__CORE__V1__SEARCH_CHILDREN_REQUEST__INIT;
    r.query = text;
    r.page_size = 50;
    ProtobufCMessage *answer = NULL;
    scr_refusal refusal;
    if (*found) protobuf_c_message_free_unpacked(&(*found)->base, NULL);
    *found = NULL;
    list_clear(list);
    scr_status rc = app_read(app, "/kiosk.core.v1.Children/SearchChildren", &r.base,
                             &kiosk__core__v1__search_children_response__descriptor, &answer, &refusal);
    if (rc == SCR_LEAVE) return rc;
    if (rc != SCR_OK) {
        scr_sb words = {0};
        if (rc == SCR_REFUSED) refusal_describe(app, &refusal, &words);
        else sb_append(&words, app_text(app, T_SEARCH_OFFLINE));
        list_add_wrapped(list, words.s, app->cols - 6, 0, 0, STYLE_ERROR, 0);
        list_add_wrapped(list, refusal.message, app->cols - 6, 0, 0, STYLE_DIM, 0);
        sb_free(&words);
        return SCR_OK;
    }
    *found = (Kiosk__Core__V1__SearchChildrenResponse *)answer;
    size_t n = (*found)->n_children;
    list_addf(list, 0, STYLE_HEADING, 0, n ? app_text(app, T_FOUND_N) : app_text(app, T_FOUND_NONE), n);
    for (size_t i = 0; i < n; i++) {
        const Kiosk__Core__V1__ChildSummary *c = (*found)->children[i];
        scr_sb row = {0};
        sb_cell(&row, c->name, 12);
        sb_printf(&row, " %s  %s  %s  %s", render_enum(app, &kiosk__core__v1__sex__descriptor, c->sex), c->birth_date,
                  c->village, c->name_pinyin);
        list_add(list, row.s, 1, STYLE_NORMAL, (long)i);
        sb_free(&row);
    }
    list_reset(list);
    return SCR_OK;
}

scr_status screen_find_child(scr_app *app) {
    scr_line query = {0};
    scr_list list = {0};
    Kiosk__Core__V1__SearchChildrenResponse *found = NULL;
    scr_status rc = SCR_OK;
    int typed = 1;   /* the query changed since the last search: Enter searches again */
    list_add(&list, app_text(app, T_FIND_HINT), 0, STYLE_DIM, 0);
    for (;;) {
        ui_frame(app, app_text(app, T_FIND_TITLE), find_hints, sizeof find_hints / sizeof *find_hints);
        int y = UI_CONTENT_TOP, used = 0;
        ui_put(app, y, 2, 20, app_text(app, T_QUERY), STYLE_HEADING, &used);
        int x = 3 + used;
        ui_fill(app, y, x, app->cols - x - 2, STYLE_FIELD);
        int cx = x;
        for (size_t i = 0; i < query.len && cx < app->cols - 4; i++) {
            char bytes[5];
            wide_char_utf8(query.w[i], bytes);
            ui_put(app, y, cx, 2, bytes, STYLE_FIELD, &used);
            cx += used;
        }
        list_draw(app, &list, y + 2, ui_content_bottom(app));
        ui_cursor(app, y, cx);
        scr_event e;
        ui_event(app, &e);
        query.cursor = query.len;
        long tag = 0;
        scr_status sub = SCR_OK;
        if (e.action == ACT_LEAVE) { rc = SCR_LEAVE; break; }
        if (e.action == ACT_BACK) break;
        if (e.action == ACT_CHAR) {
            line_insert(&query, e.ch);
            typed = 1;
            continue;
        }
        if (e.action == ACT_ERASE) {
            line_erase_before(&query);
            typed = 1;
            continue;
        }
        if (e.action == ACT_CLICK) {
            size_t row;
            if (list_click(&list, y + 2, e.y, &row) != SCR_OK) continue;
            list.cursor = row;
        }
        int open = ((e.action == ACT_SELECT && !typed) || e.action == ACT_CLICK) && found &&
                   list_selected(&list, &tag) == SCR_OK;
        if (open) {
            sub = screen_child(app, found->children[tag]->child_id);
        } else if (e.action == ACT_SELECT || e.action == ACT_SUBMIT) {
            sub = search(app, &query, &found, &list);
            typed = 0;
        }
        if (sub == SCR_LEAVE) { rc = SCR_LEAVE; break; }
        int moved = 0;
        list_move(&list, e.action, ui_content_bottom(app) - y - 2, &moved);
    }
    if (found) protobuf_c_message_free_unpacked(&found->base, NULL);
    line_free(&query);
    list_free(&list);
    return rc;
}

/* --- the child's record --- */

typedef struct record {
    Kiosk__Core__V1__GetChildResponse *child;
    Kiosk__Core__V1__ListVisitsResponse *visits;
    Kiosk__Core__V1__ListApplicationsResponse *applications;
    Kiosk__Core__V1__GetHouseholdResponse *household;
    scr_refusal refusal;
    scr_status loaded;
} record;

static void record_free(record *r) {
    if (r->child) protobuf_c_message_free_unpacked(&r->child->base, NULL);
    if (r->visits) protobuf_c_message_free_unpacked(&r->visits->base, NULL);
    if (r->applications) protobuf_c_message_free_unpacked(&r->applications->base, NULL);
    if (r->household) protobuf_c_message_free_unpacked(&r->household->base, NULL);
    memset(r, 0, sizeof *r);
}

/* Reads the record again. When the server cannot be reached, the record already shown stays (with a
 * notice), so that a worker who opened it before the link went down can still record a visit. */
static scr_status record_load(scr_app *app, const char *child_id, record *r) {
    ProtobufCMessage *answer = NULL;
    scr_refusal refusal;
    Kiosk__Core__V1__GetChildRequest get = KIOSK__CORE__V1__GET_CHILD_REQUEST__INIT;
    get.child_id = (char *)child_id;
    scr_status loaded = app_read(app, "/kiosk.core.v1.Children/GetChild", &get.base,
                                 &kiosk__core__v1__get_child_response__descriptor, &answer, &refusal);
    if (loaded == SCR_OFFLINE && r->child) {
        app_notice(app, 1, "%s", app_text(app, T_RECORD_AS_SEEN));
        return SCR_OK;
    }
    record_free(r);
    r->loaded = loaded;
    r->refusal = refusal;
    if (r->loaded != SCR_OK) return r->loaded;
    r->child = (Kiosk__Core__V1__GetChildResponse *)answer;
    app_remember(app, "child_id", child_id);
    Kiosk__Core__V1__ListVisitsRequest visits = KIOSK__CORE__V1__LIST_VISITS_REQUEST__INIT;
    visits.child_id = (char *)child_id;
    if (app_read(app, "/kiosk.core.v1.Children/ListVisits", &visits.base,
                 &kiosk__core__v1__list_visits_response__descriptor, &answer, &r->refusal) == SCR_OK)
        r->visits = (Kiosk__Core__V1__ListVisitsResponse *)answer;
    Kiosk__Core__V1__ListApplicationsRequest apps = KIOSK__CORE__V1__LIST_APPLICATIONS_REQUEST__INIT;
    apps.child_id = (char *)child_id;
    apps.page_size = 50;
    if (app_read(app, "/kiosk.core.v1.Applications/ListApplications", &apps.base,
                 &kiosk__core__v1__list_applications_response__descriptor, &answer, &r->refusal) == SCR_OK)
        r->applications = (Kiosk__Core__V1__ListApplicationsResponse *)answer;
    const Kiosk__Core__V1__ChildDetails *d = r->child->child ? r->child->child->details : NULL;
    if (d && *d->household_id) {
        app_remember(app, "household_id", d->household_id);
        Kiosk__Core__V1__GetHouseholdRequest hh = KIOSK__CORE__V1__GET_HOUSEHOLD_REQUEST__INIT;
        hh.household_id = d->household_id;
        if (app_read(app, "/kiosk.core.v1.Children/GetHousehold", &hh.base,
                     &kiosk__core__v1__get_household_response__descriptor, &answer, &r->refusal) == SCR_OK)
            r->household = (Kiosk__Core__V1__GetHouseholdResponse *)answer;
    }
    return SCR_OK;
}

static const char *core_label(const scr_app *app, const char *message, const char *field) {
    char key[160];
    snprintf(key, sizeof key, "kiosk.core.v1.%s.%s", message, field);
    return app_label(app, key, field);
}

static scr_status add_details(scr_app *app, const Kiosk__Core__V1__Child *c, scr_list *list, int width) {
    const Kiosk__Core__V1__ChildDetails *d = c->details;
    list_addf(list, 0, STYLE_HEADING, 0, "%s（%s）", d->name, c->name_pinyin);
    scr_sb line = {0};
    sb_printf(&line, "%s：%s   %s：%s   %s：%s", core_label(app, "ChildDetails", "sex"),
              render_enum(app, &kiosk__core__v1__sex__descriptor, d->sex), core_label(app, "ChildDetails", "birth_date"),
              d->birth_date, core_label(app, "ChildDetails", "village"), d->village);
    list_add_wrapped(list, line.s, width, 2, 0, STYLE_NORMAL, 0);
    sb_clear(&line);
    sb_printf(&line, "%s：%s   %s：%s", core_label(app, "ChildDetails", "hukou_status"),
              render_enum(app, &kiosk__core__v1__hukou_status__descriptor, d->hukou_status),
              core_label(app, "ChildDetails", "identity_number"), *d->identity_number ? d->identity_number : "—");
    list_add_wrapped(list, line.s, width, 2, 0, STYLE_NORMAL, 0);
    sb_clear(&line);
    sb_printf(&line, "%s：%lld   %s：%s", core_label(app, "Child", "version"), (long long)c->version,
              core_label(app, "Child", "child_id"), c->child_id);
    list_add_wrapped(list, line.s, width, 2, 0, STYLE_DIM, 0);
    sb_free(&line);
    list_addf(list, 0, STYLE_HEADING, 0, app_text(app, T_HEADING_COUNT), core_label(app, "ChildDetails", "categories"), d->n_categories);
    for (size_t i = 0; i < d->n_categories; i++) {
        const Kiosk__Core__V1__Category *k = d->categories[i];
        scr_sb row = {0};
        sb_printf(&row, "  %s", render_enum(app, &kiosk__core__v1__category_kind__descriptor, k->kind));
        if (k->disability_type)
            sb_printf(&row, " · %s %u", render_enum(app, &kiosk__core__v1__disability_type__descriptor, k->disability_type),
                      k->disability_grade);
        if (*k->since) sb_printf(&row, " · %s %s", core_label(app, "Category", "since"), k->since);
        list_add(list, row.s, 0, STYLE_NORMAL, 0);
        sb_free(&row);
    }
    return SCR_OK;
}

static scr_status add_household(scr_app *app, const record *r, scr_list *list, int width) {
    const Kiosk__Core__V1__Child *c = r->child->child;
    list_addf(list, 0, STYLE_HEADING, 0, "%s", app_text(app, T_HOUSEHOLD));
    if (r->household && r->household->household) {
        scr_sb line = {0};
        sb_printf(&line, "  %s · %s", r->household->household->address, r->household->household->household_id);
        list_add_wrapped(list, line.s, width, 4, 0, STYLE_NORMAL, 0);
        sb_free(&line);
    }
    else list_addf(list, 0, STYLE_DIM, 0, "  %s", app_text(app, T_NO_HOUSEHOLD));
    list_addf(list, 0, STYLE_HEADING, 0, app_text(app, T_HEADING_COUNT), core_label(app, "Child", "caregivers"), c->n_caregivers);
    for (size_t i = 0; i < c->n_caregivers; i++) {
        const Kiosk__Core__V1__ChildCaregiver *g = c->caregivers[i];
        const char *phone = "";
        if (r->household && r->household->household)
            for (size_t k = 0; k < r->household->household->n_caregivers; k++)
                if (!strcmp(r->household->household->caregivers[k]->caregiver_id, g->caregiver_id))
                    phone = r->household->household->caregivers[k]->phone;
        list_addf(list, 0, STYLE_NORMAL, 0, "  %s · %s%s%s %s", g->name,
                  render_enum(app, &kiosk__core__v1__relationship__descriptor, g->relationship),
                  g->primary ? " · " : "", g->primary ? core_label(app, "ChildCaregiver", "primary") : "", phone);
    }
    return SCR_OK;
}

static scr_status add_history(scr_app *app, const record *r, scr_list *list, int width) {
    size_t n = r->visits ? r->visits->n_visits : 0;
    list_addf(list, 0, STYLE_HEADING, 0, app_text(app, T_HEADING_COUNT), app_text(app, T_VISITS), n);
    for (size_t i = 0; i < n; i++) {
        const Kiosk__Core__V1__Visit *v = r->visits->visits[i];
        scr_sb row = {0};
        sb_printf(&row, "  %s · %s · %s", v->visit_date, render_enum(app, &kiosk__core__v1__risk_level__descriptor, v->risk_level),
                  v->worker_id);
        if (*v->follow_up_date) sb_printf(&row, " · %s %s", core_label(app, "Visit", "follow_up_date"), v->follow_up_date);
        if (*v->observations) sb_printf(&row, "\n%s", v->observations);
        list_add_wrapped(list, row.s, width, 4, 0, STYLE_NORMAL, 0);
        sb_free(&row);
    }
    n = r->applications ? r->applications->n_applications : 0;
    list_addf(list, 0, STYLE_HEADING, 0, app_text(app, T_HEADING_COUNT), app_text(app, T_APPLICATIONS), n);
    for (size_t i = 0; i < n; i++) {
        const Kiosk__Core__V1__Application *a = r->applications->applications[i];
        list_addf(list, 1, STYLE_NORMAL, (long)i, "  %s · %s · %s",
                  render_enum(app, &kiosk__core__v1__application_state__descriptor, a->state),
                  review_kind_label(app, a->kind), a->summary);
    }
    return SCR_OK;
}

static scr_status record_rows(scr_app *app, const record *r, scr_list *list) {
    list_clear(list);
    int width = app->cols - 6;
    if (r->loaded != SCR_OK || !r->child || !r->child->child || !r->child->child->details) {
        scr_sb words = {0};
        if (r->loaded == SCR_REFUSED) refusal_describe(app, &r->refusal, &words);
        else sb_append(&words, app_text(app, T_RECORD_OFFLINE));
        list_add_wrapped(list, words.s, width, 0, 0, STYLE_ERROR, 0);
        list_add_wrapped(list, r->refusal.message, width, 0, 0, STYLE_DIM, 0);
        sb_free(&words);
        return SCR_OK;
    }
    add_details(app, r->child->child, list, width);
    add_household(app, r, list, width);
    add_history(app, r, list, width);
    return SCR_OK;
}

static const scr_hint child_hints[] = {
    {"V", T_RECORD_VISIT, ACT_CHAR, L'v', NULL}, {"E", T_EDIT, ACT_CHAR, L'e', NULL},  {"A", T_SERVICES_FOR_CHILD, ACT_CHAR, L'a', NULL},
    {"Enter", T_OPEN, ACT_SELECT, 0, NULL},      {"F5", T_REFRESH, ACT_SUBMIT, 0, NULL}, {"Esc", T_BACK, ACT_BACK, 0, NULL},
};

scr_status screen_child(scr_app *app, const char *child_id) {
    char id[80];
    snprintf(id, sizeof id, "%s", child_id);
    record r = {0};
    scr_list list = {0};
    record_load(app, id, &r);
    record_rows(app, &r, &list);
    list_reset(&list);
    scr_status rc = SCR_OK;
    for (;;) {
        const char *name = r.child && r.child->child && r.child->child->details ? r.child->child->details->name : id;
        ui_frame(app, app_text(app, T_CHILD_TITLE), child_hints, sizeof child_hints / sizeof *child_hints);
        list_draw(app, &list, UI_CONTENT_TOP, ui_content_bottom(app));
        scr_event e;
        ui_event(app, &e);
        scr_status sub = SCR_OK;
        long tag = 0;
        int reload = 0;
        if (e.action == ACT_LEAVE) { rc = SCR_LEAVE; break; }
        if (e.action == ACT_BACK) break;
        if (e.action == ACT_CHAR && (e.ch == L'v' || e.ch == L'V')) {
            sub = screen_record_visit(app, id, name);
            reload = 1;
        }
        if (e.action == ACT_CHAR && (e.ch == L'e' || e.ch == L'E') && r.child && r.child->child) {
            sub = screen_edit_child(app, &r.child->child->base);
            reload = 1;
        }
        if (e.action == ACT_CHAR && (e.ch == L'a' || e.ch == L'A')) {
            app_remember(app, "child_id", id);
            sub = screen_services(app);
            reload = 1;
        }
        if (e.action == ACT_CLICK) {
            size_t row;
            if (list_click(&list, UI_CONTENT_TOP, e.y, &row) != SCR_OK) continue;
            list.cursor = row;
        }
        if ((e.action == ACT_SELECT || e.action == ACT_CLICK) && r.applications && list_selected(&list, &tag) == SCR_OK &&
            (size_t)tag < r.applications->n_applications) {
            sub = screen_application(app, r.applications->applications[tag]->application_id);
            reload = 1;
        }
        if (sub == SCR_LEAVE || app->leaving) { rc = SCR_LEAVE; break; }
        if (reload || e.action == ACT_SUBMIT) record_load(app, id, &r);
        if (reload || e.action == ACT_SUBMIT || e.action == ACT_RESIZE) {
            size_t cursor = list.cursor, top = list.top;
            record_rows(app, &r, &list);
            list.cursor = cursor < list.n ? cursor : 0;
            list.top = top < list.n ? top : 0;
            if (list.cursor >= list.n || !list.rows[list.cursor].selectable) list_reset(&list);
        }
        int moved = 0;
        list_move(&list, e.action, ui_content_bottom(app) - UI_CONTENT_TOP, &moved);
    }
    record_free(&r);
    list_free(&list);
    return rc;
}
