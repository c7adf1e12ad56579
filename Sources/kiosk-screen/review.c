/*
 * Reviewers: the queue of applications waiting for the worker's role, one application with its
 * payload, the plugin's checks in plain words and its history, and the actions the workflow allows
 * the worker from its state (docs/CORE-SERVICES.md, "The application workflow"): begin review,
 * forward, approve, reject, return for information, ... each with a reason where the workflow needs
 * one, and the version the worker saw, so that an application someone else moved meanwhile is refused
 * as stale instead of being moved twice.
 */
#include "form.h"
#include "render.h"
#include "ui.h"
#include "kiosk/core/v1/applications.pb-c.h"
#include "kiosk/core/v1/session.pb-c.h"

#include <stdio.h>
#include <string.h>

enum { LEVEL_VILLAGE = 1, LEVEL_TOWNSHIP = 2, LEVEL_COUNTY = 4 };

#define ST(x) KIOSK__CORE__V1__APPLICATION_STATE__APPLICATION_STATE_##x
#define AC(x) KIOSK__CORE__V1__APPLICATION_ACTION__APPLICATION_ACTION_##x

/* The state table of applications.proto, with who may take each action and whether it needs a reason. */
static const struct {
    int action;
    int from[4];
    int levels;
    int needs_reason;
    int asks_effective_date;
} transitions[] = {
    {AC(BEGIN_REVIEW), {ST(SUBMITTED)}, LEVEL_TOWNSHIP, 0, 0},
    {AC(FORWARD), {ST(TOWNSHIP_REVIEW)}, LEVEL_TOWNSHIP, 0, 0},
    {AC(APPROVE), {ST(COUNTY_REVIEW)}, LEVEL_COUNTY, 0, 1},
    {AC(REJECT), {ST(COUNTY_REVIEW)}, LEVEL_COUNTY, 1, 0},
    {AC(RETURN_FOR_INFORMATION), {ST(SUBMITTED), ST(TOWNSHIP_REVIEW)}, LEVEL_TOWNSHIP, 1, 0},
    {AC(RETURN_FOR_INFORMATION), {ST(COUNTY_REVIEW)}, LEVEL_COUNTY, 1, 0},
    {AC(ACTIVATE), {ST(APPROVED)}, LEVEL_COUNTY, 0, 1},
    {AC(SUSPEND), {ST(ACTIVE)}, LEVEL_COUNTY, 1, 1},
    {AC(RESUME), {ST(SUSPENDED)}, LEVEL_COUNTY, 0, 1},
    {AC(CLOSE), {ST(ACTIVE), ST(SUSPENDED)}, LEVEL_COUNTY, 1, 1},
    {AC(RESUBMIT), {ST(RETURNED)}, LEVEL_VILLAGE | LEVEL_TOWNSHIP, 0, 0},
    {AC(WITHDRAW), {ST(SUBMITTED), ST(TOWNSHIP_REVIEW), ST(COUNTY_REVIEW), ST(RETURNED)}, LEVEL_VILLAGE | LEVEL_TOWNSHIP, 1, 0},
    {AC(APPEAL), {ST(REJECTED)}, LEVEL_VILLAGE | LEVEL_TOWNSHIP, 1, 0},
};

static int level_of(uint32_t role) {
    switch (role) {
    case KIOSK__CORE__V1__ROLE__ROLE_VILLAGE_DIRECTOR: return LEVEL_VILLAGE;
    case KIOSK__CORE__V1__ROLE__ROLE_TOWNSHIP_SUPERVISOR: return LEVEL_TOWNSHIP;
    case KIOSK__CORE__V1__ROLE__ROLE_COUNTY_OFFICER: return LEVEL_COUNTY;
    default: return 0;
    }
}

scr_status review_waiting_states(uint32_t role, int states[4], size_t *n) {
    *n = 0;
    switch (level_of(role)) {
    case LEVEL_VILLAGE: states[(*n)++] = ST(RETURNED); break;
    case LEVEL_TOWNSHIP: states[(*n)++] = ST(SUBMITTED); states[(*n)++] = ST(TOWNSHIP_REVIEW); break;
    case LEVEL_COUNTY: states[(*n)++] = ST(COUNTY_REVIEW); states[(*n)++] = ST(APPROVED); break;
    default: break;
    }
    return SCR_OK;
}

const char *review_kind_label(const scr_app *app, const char *kind) { return app_label(app, kind, kind); }

/* --- one application --- */

static scr_status application_rows(scr_app *app, const Kiosk__Core__V1__Application *a, scr_list *list, int allowed[16],
                                   size_t *n_allowed) {
    list_clear(list);
    int width = app->cols - 6;
    char package[128] = "";
    render_package_of(a->payload_type, package, sizeof package);
    scr_render r = {app, list, width, package};
    list_addf(list, 0, STYLE_HEADING, 0, "%s", review_kind_label(app, a->kind));
    list_addf(list, 0, STYLE_NORMAL, 0, "  %s：%s   %s：%lld",
              app_label(app, "kiosk.core.v1.Application.state", "state"),
              render_enum(app, &kiosk__core__v1__application_state__descriptor, a->state),
              app_label(app, "kiosk.core.v1.Application.version", "version"), (long long)a->version);
    list_add_wrapped(list, a->summary, width, 2, 0, STYLE_NORMAL, 0);
    list_addf(list, 1, STYLE_NORMAL, -1, "  %s：%s  (%s)", app_label(app, "kiosk.core.v1.Application.child_id", "child_id"),
              a->child_id, app_text(app, T_ENTER_OPENS_CHILD));
    list_addf(list, 0, STYLE_DIM, 0, "  %s：%s · %s", app_label(app, "kiosk.core.v1.Application.village", "village"),
              a->village, a->application_id);
    list_addf(list, 0, STYLE_HEADING, 0, app_text(app, T_HEADING_COUNT), app_text(app, T_CHECKS), a->n_checks);
    for (size_t i = 0; i < a->n_checks; i++)
        render_check(&r, a->checks[i]->rule, a->checks[i]->passed, a->checks[i]->explanation, package, 2);
    list_addf(list, 0, STYLE_HEADING, 0, app_text(app, T_HEADING_COUNT), app_text(app, T_HISTORY), a->n_history);
    for (size_t i = 0; i < a->n_history; i++) {
        const Kiosk__Core__V1__Transition *t = a->history[i];
        char when[20];
        render_time(t->at_unix, when);
        scr_sb row = {0};
        sb_printf(&row, "  %s  %s  %s → %s  %s（%s）", when,
                  render_enum(app, &kiosk__core__v1__application_action__descriptor, t->action),
                  t->from_state ? render_enum(app, &kiosk__core__v1__application_state__descriptor, t->from_state) : "—",
                  render_enum(app, &kiosk__core__v1__application_state__descriptor, t->to_state), t->actor, t->actor_level);
        if (*t->reason) sb_printf(&row, " · %s", t->reason);
        if (*t->effective_date) sb_printf(&row, " · %s", t->effective_date);
        list_add_wrapped(list, row.s, width, 4, 0, STYLE_NORMAL, 0);
        sb_free(&row);
    }
    if (a->payload.len) {
        Kiosk__Core__V1__Application only_payload = KIOSK__CORE__V1__APPLICATION__INIT;
        only_payload.payload = a->payload;
        only_payload.payload_type = a->payload_type;
        render_message(&r, &only_payload.base, 0);
    }
    *n_allowed = 0;
    int level = level_of(app->session.role);
    for (size_t i = 0; i < sizeof transitions / sizeof *transitions; i++) {
        if (!(transitions[i].levels & level)) continue;
        for (size_t k = 0; k < 4; k++)
            if (transitions[i].from[k] == (int)a->state && transitions[i].from[k]) allowed[(*n_allowed)++] = (int)i;
    }
    list_addf(list, 0, STYLE_HEADING, 0, "%s", app_text(app, *n_allowed ? T_ACTIONS : T_NO_ACTIONS));
    for (size_t i = 0; i < *n_allowed; i++)
        list_addf(list, 1, STYLE_NORMAL, (long)i, "  %zu  %s", i + 1,
                  render_enum(app, &kiosk__core__v1__application_action__descriptor, transitions[allowed[i]].action));
    return SCR_OK;
}

static scr_status check_transition(scr_app *app, pf_form *form, void *context) {
    const int *needs_reason = context;
    pf_node *reason = pf_find(form, "reason");
    if (*needs_reason && form->submitting && reason && pf_is_default(reason))
        pf_set_error(reason, app_text(app, T_REASON_REQUIRED));
    return SCR_OK;
}

/* Takes one action on the application as the worker saw it (its version). */
static scr_status take_action(scr_app *app, const Kiosk__Core__V1__Application *a, size_t which) {
    pf_form *form = NULL;
    if (pf_form_new(&kiosk__core__v1__transition_application_request__descriptor, &form) != SCR_OK) return SCR_ERR_NO_MEMORY;
    char version[32], title[256];
    snprintf(version, sizeof version, "%lld", (long long)a->version);
    pf_set_text(pf_find(form, "application_id"), a->application_id);
    pf_set_number(pf_find(form, "action"), transitions[which].action);
    pf_set_text(pf_find(form, "expected_version"), version);
    pf_find(form, "application_id")->flags |= PF_HIDDEN;
    pf_find(form, "action")->flags |= PF_HIDDEN;
    pf_find(form, "expected_version")->flags |= PF_HIDDEN;
    if (!transitions[which].asks_effective_date) pf_find(form, "effective_date")->flags |= PF_HIDDEN;
    int needs_reason = transitions[which].needs_reason;
    form->validate = check_transition;
    form->context = &needs_reason;
    snprintf(title, sizeof title, "%s · %s",
             render_enum(app, &kiosk__core__v1__application_action__descriptor, transitions[which].action),
             review_kind_label(app, a->kind));
    scr_status rc;
    for (;;) {
        rc = form_run(app, form, title, app_text(app, needs_reason ? T_ACTION_NEEDS_REASON : T_ACTION_CONFIRM));
        if (rc != SCR_OK) break;
        ProtobufCMessage *request = NULL;
        if ((rc = pf_build(form, &request)) != SCR_OK) break;
        scr_delivery delivery;
        scr_refusal refusal;
        rc = app_submit(app, "/kiosk.core.v1.Applications/TransitionApplication", request,
                        &kiosk__core__v1__transition_application_response__descriptor, &delivery, NULL, &refusal, NULL);
        protobuf_c_message_free_unpacked(request, NULL);
        if (rc == SCR_LEAVE) break;
        if (delivery == DELIVERY_ACCEPTED) rc = ui_message(app, title, app_text(app, T_ACTION_DONE), NULL);
        else if (delivery == DELIVERY_WAITING && rc != SCR_ERR_IO) rc = show_waiting(app, title);
        else if (refusal.code == KIOSK_CODE_ABORTED) rc = show_refusal(app, title, &refusal);
        else {
            pf_mark_refusal(app, form, &refusal);
            rc = show_refusal(app, title, &refusal);
            if (rc != SCR_LEAVE) continue;
        }
        break;
    }
    pf_form_free(form);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}

/* The key line of an application: one touch key per action the worker may take, then the usual keys. */
static scr_status application_hints(scr_app *app, const int *allowed, size_t n_allowed, scr_hint hints[16], size_t *n) {
    static const char *const digits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
    static const scr_hint fixed[] = {
        {"Enter", T_OPEN, ACT_SELECT, 0, NULL}, {"F5", T_REFRESH, ACT_SUBMIT, 0, NULL}, {"Esc", T_BACK, ACT_BACK, 0, NULL}};
    *n = 0;
    for (size_t i = 0; i < n_allowed && i < 9; i++)
        hints[(*n)++] = (scr_hint){digits[i], T_ACTION, ACT_CHAR, (wchar_t)(L'1' + i),
                                   render_enum(app, &kiosk__core__v1__application_action__descriptor,
                                               transitions[allowed[i]].action)};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) hints[(*n)++] = fixed[i];
    return SCR_OK;
}

static scr_status load_application(scr_app *app, const char *id, Kiosk__Core__V1__GetApplicationResponse **out,
                                   scr_refusal *refusal) {
    if (*out) protobuf_c_message_free_unpacked(&(*out)->base, NULL);
    *out = NULL;
    Kiosk__Core__V1__GetApplicationRequest r = KIOSK__CORE__V1__GET_APPLICATION_REQUEST__INIT;
    r.application_id = (char *)id;
    ProtobufCMessage *answer = NULL;
    scr_status rc = app_read(app, "/kiosk.core.v1.Applications/GetApplication", &r.base,
                             &kiosk__core__v1__get_application_response__descriptor, &answer, refusal);
    if (rc == SCR_OK) *out = (Kiosk__Core__V1__GetApplicationResponse *)answer;
    return rc;
}

scr_status screen_application(scr_app *app, const char *application_id) {
    char id[80];
    snprintf(id, sizeof id, "%s", application_id);
    Kiosk__Core__V1__GetApplicationResponse *got = NULL;
    scr_refusal refusal;
    scr_status rc = load_application(app, id, &got, &refusal);
    if (rc == SCR_LEAVE) return rc;
    if (rc != SCR_OK || !got->application) {
        if (got) protobuf_c_message_free_unpacked(&got->base, NULL);
        return rc == SCR_REFUSED ? show_refusal(app, app_text(app, T_APPLICATION_TITLE), &refusal)
                                 : ui_message(app, app_text(app, T_APPLICATION_TITLE), app_text(app, T_RECORD_OFFLINE),
                                              refusal.message);
    }
    app_remember(app, "application_id", id);
    scr_list list = {0};
    int allowed[16];
    size_t n_allowed = 0;
    application_rows(app, got->application, &list, allowed, &n_allowed);
    list_reset(&list);
    rc = SCR_OK;
    for (;;) {
        scr_hint hints[16];
        size_t n_hints = 0;
        application_hints(app, allowed, n_allowed, hints, &n_hints);
        ui_frame(app, app_text(app, T_APPLICATION_TITLE), hints, n_hints);
        list_draw(app, &list, UI_CONTENT_TOP, ui_content_bottom(app));
        scr_event e;
        ui_event(app, &e);
        scr_status sub = SCR_OK;
        long tag = 0;
        int acted = 0;
        if (e.action == ACT_LEAVE) { rc = SCR_LEAVE; break; }
        if (e.action == ACT_BACK) break;
        if (e.action == ACT_CHAR && e.ch >= L'1' && e.ch <= L'9' && (size_t)(e.ch - L'1') < n_allowed) {
            sub = take_action(app, got->application, (size_t)allowed[e.ch - L'1']);
            acted = 1;
        }
        if (e.action == ACT_CLICK) {
            size_t row;
            if (list_click(&list, UI_CONTENT_TOP, e.y, &row) != SCR_OK) continue;
            list.cursor = row;
        }
        if ((e.action == ACT_SELECT || e.action == ACT_CLICK) && list_selected(&list, &tag) == SCR_OK) {
            if (tag < 0) sub = screen_child(app, got->application->child_id);
            else if ((size_t)tag < n_allowed) sub = take_action(app, got->application, (size_t)allowed[tag]);
            acted = 1;
        }
        if (sub == SCR_LEAVE || app->leaving) { rc = SCR_LEAVE; break; }
        if (acted || e.action == ACT_SUBMIT || e.action == ACT_RESIZE) {
            if ((acted || e.action == ACT_SUBMIT) && load_application(app, id, &got, &refusal) != SCR_OK) break;
            if (!got || !got->application) break;
            size_t cursor = list.cursor;
            application_rows(app, got->application, &list, allowed, &n_allowed);
            list.cursor = cursor < list.n && list.rows[cursor].selectable ? cursor : 0;
            if (!list.n || !list.rows[list.cursor].selectable) list_reset(&list);
        }
        int moved = 0;
        list_move(&list, e.action, ui_content_bottom(app) - UI_CONTENT_TOP, &moved);
    }
    if (got) protobuf_c_message_free_unpacked(&got->base, NULL);
    list_free(&list);
    return rc;
}

/* --- the queue --- */

static scr_status load_queue(scr_app *app, int view, Kiosk__Core__V1__ListApplicationsResponse *lists[2], scr_list *list) {
    for (int i = 0; i < 2; i++) {
        if (lists[i]) protobuf_c_message_free_unpacked(&lists[i]->base, NULL);
        lists[i] = NULL;
    }
    int states[4];
    size_t n = 0;
    if (view == 0) review_waiting_states(app->session.role, states, &n);
    else states[n++] = view;
    list_clear(list);
    size_t total = 0;
    for (size_t k = 0; k < n && k < 2; k++) {
        Kiosk__Core__V1__ListApplicationsRequest r = KIOSK__CORE__V1__LIST_APPLICATIONS_REQUEST__INIT;
        r.state = (Kiosk__Core__V1__ApplicationState)states[k];
        r.page_size = 100;
        ProtobufCMessage *answer = NULL;
        scr_refusal refusal;
        scr_status rc = app_read(app, "/kiosk.core.v1.Applications/ListApplications", &r.base,
                                 &kiosk__core__v1__list_applications_response__descriptor, &answer, &refusal);
        if (rc == SCR_LEAVE) return rc;
        if (rc != SCR_OK) {
            scr_sb words = {0};
            if (rc == SCR_REFUSED) refusal_describe(app, &refusal, &words);
            else sb_append(&words, app_text(app, T_LISTS_OFFLINE));
            list_add_wrapped(list, words.s, app->cols - 6, 0, 0, STYLE_ERROR, 0);
            sb_free(&words);
            return SCR_OK;
        }
        lists[k] = (Kiosk__Core__V1__ListApplicationsResponse *)answer;
        for (size_t i = 0; i < lists[k]->n_applications; i++, total++) {
            const Kiosk__Core__V1__Application *a = lists[k]->applications[i];
            list_addf(list, 1, STYLE_NORMAL, (long)(k * 1000 + i), "%s · %s · %s",
                      render_enum(app, &kiosk__core__v1__application_state__descriptor, a->state),
                      review_kind_label(app, a->kind), a->summary);
        }
    }
    if (!total) list_add(list, app_text(app, T_QUEUE_EMPTY), 0, STYLE_DIM, 0);
    list_reset(list);
    return SCR_OK;
}

static const scr_hint queue_hints[] = {
    {"Enter", T_OPEN, ACT_SELECT, 0, NULL}, {"←→", T_OTHER_STATES, ACT_RIGHT, 0, NULL}, {"F5", T_REFRESH, ACT_SUBMIT, 0, NULL},
    {"Esc", T_BACK, ACT_BACK, 0, NULL},     {"F1", T_HELP, ACT_HELP, 0, NULL},
};

scr_status screen_reviews(scr_app *app) {
    Kiosk__Core__V1__ListApplicationsResponse *lists[2] = {NULL, NULL};
    scr_list list = {0};
    int view = 0;
    const int last_state = ST(SUSPENDED);
    scr_status rc = load_queue(app, view, lists, &list);
    while (rc != SCR_LEAVE) {
        ui_frame(app, app_text(app, T_REVIEW_TITLE), queue_hints, sizeof queue_hints / sizeof *queue_hints);
        scr_sb heading = {0};
        sb_printf(&heading, "◀ %s ▶", view == 0 ? app_text(app, T_WAITING_FOR_ME)
                                               : render_enum(app, &kiosk__core__v1__application_state__descriptor, view));
        ui_put(app, UI_CONTENT_TOP, 2, app->cols - 4, heading.s, STYLE_HEADING, NULL);
        sb_free(&heading);
        list_draw(app, &list, UI_CONTENT_TOP + 2, ui_content_bottom(app));
        scr_event e;
        ui_event(app, &e);
        long tag = 0;
        scr_status sub = SCR_OK;
        if (e.action == ACT_LEAVE) { rc = SCR_LEAVE; break; }
        if (e.action == ACT_BACK) break;
        if (e.action == ACT_LEFT || e.action == ACT_RIGHT) {
            view = e.action == ACT_RIGHT ? (view + 1) % (last_state + 1) : (view + last_state) % (last_state + 1);
            rc = load_queue(app, view, lists, &list);
            continue;
        }
        if (e.action == ACT_CLICK) {
            size_t row;
            if (list_click(&list, UI_CONTENT_TOP + 2, e.y, &row) != SCR_OK) continue;
            list.cursor = row;
        }
        if ((e.action == ACT_SELECT || e.action == ACT_CLICK) && list_selected(&list, &tag) == SCR_OK) {
            size_t k = (size_t)tag / 1000, i = (size_t)tag % 1000;
            if (k < 2 && lists[k] && i < lists[k]->n_applications)
                sub = screen_application(app, lists[k]->applications[i]->application_id);
            if (sub == SCR_LEAVE) { rc = SCR_LEAVE; break; }
            rc = load_queue(app, view, lists, &list);
            continue;
        }
        if (e.action == ACT_SUBMIT) {
            rc = load_queue(app, view, lists, &list);
            continue;
        }
        int moved = 0;
        list_move(&list, e.action, ui_content_bottom(app) - UI_CONTENT_TOP - 2, &moved);
    }
    for (int i = 0; i < 2; i++)
        if (lists[i]) protobuf_c_message_free_unpacked(&lists[i]->base, NULL);
    list_free(&list);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}
