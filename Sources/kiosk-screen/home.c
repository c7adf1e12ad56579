/*
 * The home screen: what to do today. The worker's own lists — children whose visit is overdue,
 * urgent items on the work list, applications waiting for this worker's role — and the menu.
 * The status line below shows the outbox on every screen.
 */
#include "ui.h"
#include "render.h"
#include "kiosk/core/v1/applications.pb-c.h"
#include "kiosk/core/v1/children.pb-c.h"
#include "kiosk/core/v1/session.pb-c.h"

#include <stdio.h>
#include <string.h>

enum { TAG_OVERDUE = 1, TAG_ITEM = 2, TAG_APPLICATION = 3, TAG_SCALE = 100000 };

typedef struct home {
    Kiosk__Core__V1__ListOverdueVisitsResponse *overdue;
    Kiosk__Core__V1__ListWorkItemsResponse *items;
    Kiosk__Core__V1__ListApplicationsResponse *waiting[4];
    size_t n_waiting;
    scr_status loaded;   /* SCR_OK, or why the lists could not be read */
} home;

static void home_free(home *h) {
    if (h->overdue) protobuf_c_message_free_unpacked(&h->overdue->base, NULL);
    if (h->items) protobuf_c_message_free_unpacked(&h->items->base, NULL);
    for (size_t i = 0; i < h->n_waiting; i++)
        if (h->waiting[i]) protobuf_c_message_free_unpacked(&h->waiting[i]->base, NULL);
    memset(h, 0, sizeof *h);
}

static scr_status home_load(scr_app *app, home *h) {
    home_free(h);
    if (app->session.role == KIOSK__CORE__V1__ROLE__ROLE_OPERATOR) return SCR_OK;
    scr_refusal refusal;
    ProtobufCMessage *answer = NULL;
    Kiosk__Core__V1__ListOverdueVisitsRequest overdue = KIOSK__CORE__V1__LIST_OVERDUE_VISITS_REQUEST__INIT;
    overdue.page_size = 30;
    h->loaded = app_read(app, "/kiosk.core.v1.Children/ListOverdueVisits", &overdue.base,
                         &kiosk__core__v1__list_overdue_visits_response__descriptor, &answer, &refusal);
    if (h->loaded != SCR_OK) return h->loaded;
    h->overdue = (Kiosk__Core__V1__ListOverdueVisitsResponse *)answer;
    Kiosk__Core__V1__ListWorkItemsRequest items = KIOSK__CORE__V1__LIST_WORK_ITEMS_REQUEST__INIT;
    items.page_size = 30;
    h->loaded = app_read(app, "/kiosk.core.v1.WorkList/ListWorkItems", &items.base,
                         &kiosk__core__v1__list_work_items_response__descriptor, &answer, &refusal);
    if (h->loaded != SCR_OK) return h->loaded;
    h->items = (Kiosk__Core__V1__ListWorkItemsResponse *)answer;
    int states[4];
    size_t n = 0;
    review_waiting_states(app->session.role, states, &n);
    for (size_t i = 0; i < n; i++) {
        Kiosk__Core__V1__ListApplicationsRequest r = KIOSK__CORE__V1__LIST_APPLICATIONS_REQUEST__INIT;
        r.state = (Kiosk__Core__V1__ApplicationState)states[i];
        r.page_size = 30;
        h->loaded = app_read(app, "/kiosk.core.v1.Applications/ListApplications", &r.base,
                             &kiosk__core__v1__list_applications_response__descriptor, &answer, &refusal);
        if (h->loaded != SCR_OK) return h->loaded;
        h->waiting[h->n_waiting++] = (Kiosk__Core__V1__ListApplicationsResponse *)answer;
    }
    return SCR_OK;
}

static const char *sex_text(const scr_app *app, int sex) {
    return render_enum(app, &kiosk__core__v1__sex__descriptor, sex);
}

static scr_status add_overdue(scr_app *app, const home *h, scr_list *list) {
    size_t n = h->overdue ? h->overdue->n_visits : 0;
    list_addf(list, 0, STYLE_HEADING, 0, app_text(app, T_HEADING_COUNT), app_text(app, T_OVERDUE_VISITS), n);
    if (!n) return list_addf(list, 0, STYLE_DIM, 0, "  %s", app_text(app, T_NONE));
    for (size_t i = 0; i < n; i++) {
        const Kiosk__Core__V1__OverdueVisit *v = h->overdue->visits[i];
        scr_sb row = {0};
        sb_cell(&row, v->child ? v->child->name : "", 12);
        sb_printf(&row, " %s %s  ", v->child ? sex_text(app, v->child->sex) : "", v->child ? v->child->birth_date : "");
        if (!*v->due_date) sb_append(&row, app_text(app, T_NEVER_VISITED));
        else sb_printf(&row, app_text(app, T_DUE_SINCE), v->due_date, v->last_visit_date,
                       render_enum(app, &kiosk__core__v1__risk_level__descriptor, v->last_risk_level));
        list_add(list, row.s, 1, STYLE_NORMAL, TAG_OVERDUE * TAG_SCALE + (long)i);
        sb_free(&row);
    }
    return SCR_OK;
}

static scr_status add_items(scr_app *app, const home *h, scr_list *list) {
    size_t urgent = 0, routine = 0, n = h->items ? h->items->n_items : 0;
    for (size_t i = 0; i < n; i++)
        if (h->items->items[i]->urgency == KIOSK__CORE__V1__WORK_ITEM_URGENCY__WORK_ITEM_URGENCY_URGENT) urgent++;
        else routine++;
    list_addf(list, 0, STYLE_HEADING, 0, app_text(app, T_HEADING_COUNT), app_text(app, T_URGENT_ITEMS), urgent);
    if (!urgent) list_addf(list, 0, STYLE_DIM, 0, "  %s", app_text(app, T_NONE));
    for (size_t i = 0; i < n; i++) {
        const Kiosk__Core__V1__WorkItem *w = h->items->items[i];
        if (w->urgency != KIOSK__CORE__V1__WORK_ITEM_URGENCY__WORK_ITEM_URGENCY_URGENT) continue;
        list_addf(list, 1, STYLE_WARNING, TAG_ITEM * TAG_SCALE + (long)i, "! %s · %s", review_kind_label(app, w->kind),
                  w->summary);
    }
    if (routine) list_addf(list, 0, STYLE_DIM, 0, app_text(app, T_ROUTINE_ITEMS), routine);
    return SCR_OK;
}

static scr_status add_waiting(scr_app *app, const home *h, scr_list *list) {
    size_t n = 0;
    for (size_t k = 0; k < h->n_waiting; k++) n += h->waiting[k]->n_applications;
    list_addf(list, 0, STYLE_HEADING, 0, app_text(app, T_HEADING_COUNT), app_text(app, T_WAITING_FOR_ME), n);
    if (!n) list_addf(list, 0, STYLE_DIM, 0, "  %s", app_text(app, T_NONE));
    for (size_t k = 0; k < h->n_waiting; k++)
        for (size_t i = 0; i < h->waiting[k]->n_applications; i++) {
            const Kiosk__Core__V1__Application *a = h->waiting[k]->applications[i];
            list_addf(list, 1, STYLE_NORMAL, TAG_APPLICATION * TAG_SCALE + (long)(k * 1000 + i), "%s · %s · %s",
                      render_enum(app, &kiosk__core__v1__application_state__descriptor, a->state),
                      review_kind_label(app, a->kind), a->summary);
        }
    return SCR_OK;
}

static scr_status home_rows(scr_app *app, const home *h, scr_list *list) {
    size_t cursor = list->cursor;
    list_clear(list);
    if (app->session.role == KIOSK__CORE__V1__ROLE__ROLE_OPERATOR) {
        list_add(list, app_text(app, T_OPERATOR_NO_RECORDS), 0, STYLE_DIM, 0);
        return SCR_OK;
    }
    if (h->loaded != SCR_OK) {
        list_add(list, app_text(app, h->loaded == SCR_OFFLINE ? T_LISTS_OFFLINE : T_LISTS_REFUSED), 0, STYLE_WARNING, 0);
        list_add(list, app_text(app, T_LISTS_OFFLINE_HINT), 0, STYLE_DIM, 0);
        return SCR_OK;
    }
    add_overdue(app, h, list);
    add_items(app, h, list);
    add_waiting(app, h, list);
    if (cursor < list->n && list->rows[cursor].selectable) list->cursor = cursor;
    else list_reset(list);
    return SCR_OK;
}

static const scr_hint home_hints[] = {
    {"Enter", T_OPEN, ACT_SELECT, 0, NULL}, {"F5", T_REFRESH, ACT_SUBMIT, 0, NULL}, {"F4", T_OUTBOX, ACT_OUTBOX, 0, NULL},
    {"F2", T_OTHER_LANGUAGE, ACT_LANGUAGE, 0, NULL}, {"F10", T_SIGN_OUT, ACT_SIGN_OUT, 0, NULL}, {"F1", T_HELP, ACT_HELP, 0, NULL},
};

static scr_status draw_menu(scr_app *app, int y) {
    static const scr_text items[] = {T_MENU_FIND, T_MENU_REGISTER, T_MENU_REVIEW, T_MENU_SERVICES, T_MENU_OUTBOX};
    int x = 2, used = 0;
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        char key[4];
        snprintf(key, sizeof key, "%zu", i + 1);
        ui_put(app, y, x, app->cols - x, key, STYLE_SELECTED, &used);
        x += used + 1;
        ui_put(app, y, x, app->cols - x, app_text(app, items[i]), STYLE_NORMAL, &used);
        x += used + 3;
    }
    return SCR_OK;
}

/* Opens what a row of the lists stands for. */
static scr_status open_row(scr_app *app, const home *h, long tag) {
    long kind = tag / TAG_SCALE, index = tag % TAG_SCALE;
    if (kind == TAG_OVERDUE && h->overdue && (size_t)index < h->overdue->n_visits && h->overdue->visits[index]->child)
        return screen_child(app, h->overdue->visits[index]->child->child_id);
    if (kind == TAG_ITEM && h->items && (size_t)index < h->items->n_items) {
        const Kiosk__Core__V1__WorkItem *w = h->items->items[index];
        app_remember(app, "item_id", w->item_id);
        return screen_child(app, w->child_id);
    }
    if (kind == TAG_APPLICATION) {
        size_t k = (size_t)index / 1000, i = (size_t)index % 1000;
        if (k < h->n_waiting && i < h->waiting[k]->n_applications)
            return screen_application(app, h->waiting[k]->applications[i]->application_id);
    }
    return SCR_OK;
}

static scr_status run_menu(scr_app *app, wchar_t ch) {
    switch (ch) {
    case L'1': return screen_find_child(app);
    case L'2': return screen_register_child(app);
    case L'3': return screen_reviews(app);
    case L'4': return screen_services(app);
    case L'5': return screen_outbox(app);
    default: return SCR_OK;
    }
}

scr_status screen_home(scr_app *app) {
    home h = {0};
    scr_list list = {0};
    home_load(app, &h);
    home_rows(app, &h, &list);
    scr_status rc = SCR_OK;
    for (;;) {
        ui_frame(app, app_text(app, T_HOME_TITLE), home_hints, sizeof home_hints / sizeof *home_hints);
        draw_menu(app, UI_CONTENT_TOP);
        list_draw(app, &list, UI_CONTENT_TOP + 2, ui_content_bottom(app));
        scr_event e;
        ui_event(app, &e);
        long tag = 0;
        scr_status sub = SCR_OK;
        if (e.action == ACT_LEAVE) { rc = SCR_LEAVE; break; }
        if (e.action == ACT_RESIZE || e.action == ACT_LANGUAGE) home_rows(app, &h, &list);
        if (e.action == ACT_SUBMIT) {
            home_load(app, &h);
            home_rows(app, &h, &list);
            continue;
        }
        if (e.action == ACT_CHAR && e.ch >= L'1' && e.ch <= L'5') sub = run_menu(app, e.ch);
        if (e.action == ACT_CLICK) {
            size_t row;
            if (list_click(&list, UI_CONTENT_TOP + 2, e.y, &row) != SCR_OK) continue;
            list.cursor = row;
        }
        if ((e.action == ACT_SELECT || e.action == ACT_CLICK) && list_selected(&list, &tag) == SCR_OK)
            sub = open_row(app, &h, tag);
        int moved = 0;
        list_move(&list, e.action, ui_content_bottom(app) - UI_CONTENT_TOP - 2, &moved);
        if (sub == SCR_LEAVE || app->leaving) { rc = SCR_LEAVE; break; }
        if ((e.action == ACT_CHAR && e.ch >= L'1' && e.ch <= L'5') || e.action == ACT_SELECT || e.action == ACT_CLICK) {
            home_load(app, &h);
            home_rows(app, &h, &list);
        }
    }
    list_free(&list);
    home_free(&h);
    return rc;
}
