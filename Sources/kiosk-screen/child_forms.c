/*
 * The core's forms, generated like every other form (form.c) from their request messages, with
 * the checks a worker needs as they type: the name, the birth date (not in the future, under 18),
 * the village (12 digits inside the worker's jurisdiction), the GB 11643 identity number (check
 * character; birth date and sex agree with what was typed, and fill them in when empty), the
 * categories' disability details; a visit's dates.
 */
#include "form.h"
#include "render.h"
#include "ui.h"
#include "kiosk/core/v1/children.pb-c.h"

#include <stdio.h>
#include <string.h>

static scr_status require(scr_app *app, pf_form *form, pf_node *node) {
    if (form->submitting && node && pf_is_default(node) && !node->error)
        return pf_set_error(node, app_text(app, T_REQUIRED));
    return SCR_OK;
}

static scr_status text_of(pf_node *node, char *buffer, size_t size) {
    if (!node) {
        buffer[0] = '\0';
        return SCR_OK;
    }
    return pf_text(node, buffer, size);
}

static scr_status check_categories(scr_app *app, pf_form *form, pf_node *list) {
    if (!list) return SCR_OK;
    for (size_t i = 0; i < list->n_children; i++) {
        pf_node *item = list->children[i];
        pf_node *kind = NULL, *type = NULL, *grade = NULL, *since = NULL;
        for (size_t k = 0; k < item->n_children; k++) {
            const char *name = item->children[k]->field->name;
            pf_node *c = item->children[k];
            if (!strcmp(name, "kind")) kind = c;
            if (!strcmp(name, "disability_type")) type = c;
            if (!strcmp(name, "disability_grade")) grade = c;
            if (!strcmp(name, "since")) since = c;
        }
        if (!kind) continue;
        require(app, form, kind);
        char text[16], today[11] = "";
        check_today(today);
        text_of(grade, text, sizeof text);
        int disability = pf_number(kind) == KIOSK__CORE__V1__CATEGORY_KIND__CATEGORY_KIND_DISABILITY;
        if (disability && type) require(app, form, type);
        if (disability && grade && *text && (strlen(text) != 1 || text[0] < '1' || text[0] > '4'))
            pf_set_error(grade, app_text(app, T_GRADE_1_TO_4));
        if (disability && grade && !*text) require(app, form, grade);
        if (!disability && type && pf_number(type)) pf_set_error(type, app_text(app, T_ONLY_DISABILITY));
        if (!disability && grade && *text && strcmp(text, "0")) pf_set_error(grade, app_text(app, T_ONLY_DISABILITY));
        text_of(since, text, sizeof text);
        if (since && *text && !since->error && check_past_date(text, today) != CHECK_OK)
            pf_set_error(since, check_words(app, check_past_date(text, today)));
    }
    return SCR_OK;
}

/* The checks of ChildDetails under `prefix` ("details."). */
static scr_status check_details(scr_app *app, pf_form *form, const char *prefix) {
    char path[64], name[256], birth[32], village[32], number[64], today[11] = "";
    check_today(today);
#define NODE(field) (snprintf(path, sizeof path, "%s%s", prefix, field), pf_find(form, path))
    pf_node *n_name = NODE("name"), *n_sex = NODE("sex"), *n_birth = NODE("birth_date"), *n_village = NODE("village");
    pf_node *n_id = NODE("identity_number"), *n_hukou = NODE("hukou_status"), *n_categories = NODE("categories");
#undef NODE
    text_of(n_name, name, sizeof name);
    text_of(n_village, village, sizeof village);
    text_of(n_id, number, sizeof number);
    if (n_name && n_name->text.len > 40) pf_set_error(n_name, app_text(app, T_NAME_TOO_LONG));
    scr_identity id;
    if (*number && n_id && check_identity_number(number, &id) == CHECK_OK) {
        /* The number says when the child was born and whether a boy or a girl: fill in what is empty. */
        text_of(n_birth, birth, sizeof birth);
        if (n_birth && !*birth) pf_set_text(n_birth, id.birth_date);
        if (n_sex && pf_number(n_sex) == 0) pf_set_number(n_sex, id.sex);
    }
    text_of(n_birth, birth, sizeof birth);
    if (n_birth && *birth && check_birth_date(birth, today) != CHECK_OK)
        pf_set_error(n_birth, check_words(app, check_birth_date(birth, today)));
    if (n_village && *village && check_village(village, app->session.jurisdiction) != CHECK_OK)
        pf_set_error(n_village, check_words(app, check_village(village, app->session.jurisdiction)));
    if (n_id && *number) {
        scr_check c = check_identity_number(number, &id);
        if (c == CHECK_OK) c = check_identity_agrees(&id, birth, n_sex ? pf_number(n_sex) : 0);
        if (c == CHECK_ID_CHECK_CHARACTER) {
            char words[256];
            snprintf(words, sizeof words, check_words(app, c), id.expected_check);
            pf_set_error(n_id, words);
        } else if (c != CHECK_OK) {
            pf_set_error(n_id, check_words(app, c));
        }
        if (c == CHECK_OK && n_hukou && pf_number(n_hukou) == KIOSK__CORE__V1__HUKOU_STATUS__HUKOU_STATUS_UNREGISTERED)
            pf_set_error(n_id, app_text(app, T_UNREGISTERED_NO_ID));
    }
    require(app, form, n_name);
    require(app, form, n_sex);
    require(app, form, n_birth);
    require(app, form, n_village);
    require(app, form, n_hukou);
    return check_categories(app, form, n_categories);
}

static scr_status check_child_form(scr_app *app, pf_form *form, void *context) {
    (void)context;
    return check_details(app, form, "details.");
}

static scr_status check_visit_form(scr_app *app, pf_form *form, void *context) {
    (void)context;
    char visit[32], follow[32], today[11] = "";
    check_today(today);
    pf_node *n_visit = pf_find(form, "visit_date"), *n_follow = pf_find(form, "follow_up_date");
    pf_node *n_risk = pf_find(form, "risk_level"), *n_obs = pf_find(form, "observations");
    text_of(n_visit, visit, sizeof visit);
    text_of(n_follow, follow, sizeof follow);
    if (n_visit && *visit && check_past_date(visit, today) != CHECK_OK)
        pf_set_error(n_visit, check_words(app, check_past_date(visit, today)));
    if (n_follow && *follow && !n_follow->error && *visit && strcmp(follow, visit) <= 0)
        pf_set_error(n_follow, app_text(app, T_FOLLOW_UP_AFTER));
    if (n_obs && n_obs->text.len > 4000) pf_set_error(n_obs, app_text(app, T_TOO_LONG));
    require(app, form, n_visit);
    require(app, form, n_risk);
    return SCR_OK;
}

/* --- registering --- */

static scr_status registered(scr_app *app, const Kiosk__Core__V1__Child *child) {
    char words[512];
    snprintf(words, sizeof words, app_text(app, T_REGISTERED), child->details ? child->details->name : "", child->child_id);
    app_remember(app, "child_id", child->child_id);
    if (ui_message(app, app_text(app, T_REGISTER_TITLE), words, NULL) == SCR_LEAVE) return SCR_LEAVE;
    return screen_child(app, child->child_id);
}

/* Sends a registration; SCR_BACK asks the caller to show the form again. */
static scr_status send_registration(scr_app *app, pf_form *form, const ProtobufCMessage *request) {
    scr_delivery delivery;
    ProtobufCMessage *answer = NULL;
    scr_refusal refusal;
    scr_status rc = app_submit(app, "/kiosk.core.v1.Children/RegisterChild", request,
                               &kiosk__core__v1__register_child_response__descriptor, &delivery, &answer, &refusal, NULL);
    if (rc == SCR_LEAVE) return rc;
    if (rc == SCR_ERR_IO) return ui_message(app, app_text(app, T_REGISTER_TITLE), app_text(app, T_OUTBOX_BROKEN),
                                            refusal.message) == SCR_LEAVE ? SCR_LEAVE : SCR_BACK;
    if (delivery == DELIVERY_WAITING) return show_waiting(app, app_text(app, T_REGISTER_TITLE));
    if (delivery == DELIVERY_REFUSED) {
        if (form) pf_mark_refusal(app, form, &refusal);
        return show_refusal(app, app_text(app, T_REGISTER_TITLE), &refusal) == SCR_LEAVE ? SCR_LEAVE : SCR_BACK;
    }
    const Kiosk__Core__V1__RegisterChildResponse *r = (const Kiosk__Core__V1__RegisterChildResponse *)answer;
    if (r->result_case == KIOSK__CORE__V1__REGISTER_CHILD_RESPONSE__RESULT_CHILD) rc = registered(app, r->child);
    else rc = screen_duplicates(app, request, answer);
    protobuf_c_message_free_unpacked(answer, NULL);
    return rc;
}

scr_status screen_duplicates(scr_app *app, const ProtobufCMessage *request, const ProtobufCMessage *response) {
    const Kiosk__Core__V1__RegisterChildResponse *r = (const Kiosk__Core__V1__RegisterChildResponse *)response;
    const Kiosk__Core__V1__DuplicateCandidates *c = r->candidates;
    size_t n = c ? c->n_candidates : 0;
    const char *items[32];
    scr_sb rows[32];
    memset(rows, 0, sizeof rows);
    size_t count = 0;
    for (size_t i = 0; i < n && count < 29; i++, count++) {
        const Kiosk__Core__V1__DuplicateCandidate *d = c->candidates[i];
        if (*d->child_id) sb_printf(&rows[count], "%s · %s · %s · %s", d->name, d->birth_date, d->village, d->reason);
        else sb_printf(&rows[count], "%s · %s", app_text(app, T_OUTSIDE_JURISDICTION), d->reason);
        items[count] = rows[count].s;
    }
    items[count++] = app_text(app, T_NOT_THE_SAME_CHILD);
    items[count++] = app_text(app, T_BACK_TO_FORM);
    size_t choice = count - 1;
    scr_status rc = ui_choose(app, app_text(app, T_DUPLICATES_TITLE), items, count, &choice);
    for (size_t i = 0; i < 32; i++) sb_free(&rows[i]);
    if (rc != SCR_OK) return rc;
    if (choice == count - 1) return SCR_BACK;
    if (choice < n) {
        if (!*c->candidates[choice]->child_id) return SCR_BACK;
        return screen_child(app, c->candidates[choice]->child_id);
    }
    ProtobufCMessage *again = NULL;
    if (message_copy(request, &again) != SCR_OK) return SCR_ERR_NO_MEMORY;
    ((Kiosk__Core__V1__RegisterChildRequest *)again)->confirmed_not_duplicate = 1;
    rc = send_registration(app, NULL, again);
    protobuf_c_message_free_unpacked(again, NULL);
    return rc;
}

scr_status screen_register_child(scr_app *app) {
    pf_form *form = NULL;
    if (pf_form_new(&kiosk__core__v1__register_child_request__descriptor, &form) != SCR_OK) return SCR_ERR_NO_MEMORY;
    pf_find(form, "confirmed_not_duplicate")->flags |= PF_HIDDEN;
    pf_find(form, "caregivers")->flags |= PF_HIDDEN;
    if (strlen(app->session.jurisdiction) == 12) pf_set_text(pf_find(form, "details.village"), app->session.jurisdiction);
    form->validate = check_child_form;
    scr_status rc;
    for (;;) {
        rc = form_run(app, form, app_text(app, T_REGISTER_TITLE), app_text(app, T_REGISTER_INTRO));
        if (rc != SCR_OK) break;
        ProtobufCMessage *request = NULL;
        if ((rc = pf_build(form, &request)) != SCR_OK) break;
        rc = send_registration(app, form, request);
        protobuf_c_message_free_unpacked(request, NULL);
        if (rc != SCR_BACK) break;
    }
    pf_form_free(form);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}

/* --- visits --- */

scr_status screen_record_visit(scr_app *app, const char *child_id, const char *child_name) {
    pf_form *form = NULL;
    if (pf_form_new(&kiosk__core__v1__record_visit_request__descriptor, &form) != SCR_OK) return SCR_ERR_NO_MEMORY;
    char today[11] = "", title[256];
    check_today(today);
    pf_node *child = pf_find(form, "child_id");
    pf_set_text(child, child_id);
    child->flags |= PF_HIDDEN;
    pf_set_text(pf_find(form, "visit_date"), today);
    form->validate = check_visit_form;
    snprintf(title, sizeof title, "%s · %s", app_text(app, T_VISIT_TITLE), child_name);
    scr_status rc;
    for (;;) {
        rc = form_run(app, form, title, NULL);
        if (rc != SCR_OK) break;
        ProtobufCMessage *request = NULL, *answer = NULL;
        if ((rc = pf_build(form, &request)) != SCR_OK) break;
        scr_delivery delivery;
        scr_refusal refusal;
        rc = app_submit(app, "/kiosk.core.v1.Children/RecordVisit", request,
                        &kiosk__core__v1__record_visit_response__descriptor, &delivery, &answer, &refusal, NULL);
        protobuf_c_message_free_unpacked(request, NULL);
        if (rc == SCR_LEAVE) break;
        if (delivery == DELIVERY_ACCEPTED) {
            rc = ui_message(app, title, app_text(app, T_VISIT_RECORDED), NULL);
        } else if (delivery == DELIVERY_WAITING && rc != SCR_ERR_IO) {
            rc = show_waiting(app, title);
        } else {
            pf_mark_refusal(app, form, &refusal);
            rc = rc == SCR_ERR_IO ? ui_message(app, title, app_text(app, T_OUTBOX_BROKEN), refusal.message)
                                  : show_refusal(app, title, &refusal);
            if (rc != SCR_LEAVE) continue;
        }
        if (answer) protobuf_c_message_free_unpacked(answer, NULL);
        break;
    }
    pf_form_free(form);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}

/* --- editing --- */

/* An edit form filled from a child's record as read (its version is the one the change is based on). */
static scr_status edit_form(const Kiosk__Core__V1__Child *child, pf_form **out) {
    scr_status rc = pf_form_new(&kiosk__core__v1__update_child_request__descriptor, out);
    if (rc != SCR_OK) return rc;
    Kiosk__Core__V1__UpdateChildRequest seed = KIOSK__CORE__V1__UPDATE_CHILD_REQUEST__INIT;
    seed.child_id = child->child_id;
    seed.expected_version = child->version;
    seed.details = child->details;
    seed.n_caregivers = child->n_caregivers;
    seed.caregivers = child->caregivers;
    rc = pf_fill(*out, &seed.base);
    if (rc != SCR_OK) return rc;
    pf_find(*out, "child_id")->flags |= PF_HIDDEN;
    pf_find(*out, "expected_version")->flags |= PF_HIDDEN;
    /* The caregivers are sent back as they were read; households and caregivers have forms of their own. */
    pf_find(*out, "caregivers")->flags |= PF_HIDDEN;
    (*out)->validate = check_child_form;
    return pf_rows(*out);
}

/* A stale edit: says so and lets the worker decide; never sends it again by itself. SCR_OK: the form
 * now holds the record as it is, with the worker's own changes put back in, for the worker to check
 * and submit; SCR_BACK: leave the form. */
static scr_status stale_edit(scr_app *app, pf_form *form, pf_form *seen, const char *child_id, const scr_refusal *refusal) {
    scr_sb words = {0};
    refusal_describe(app, refusal, &words);
    sb_printf(&words, "\n%s", app_text(app, T_STALE_NOT_SAVED));
    ui_message(app, app_text(app, T_EDIT_TITLE), words.s, refusal->message);
    sb_free(&words);
    const char *items[] = {app_text(app, T_STALE_RELOAD), app_text(app, T_STALE_KEEP_MINE)};
    size_t choice = 0;
    scr_status rc = ui_choose(app, app_text(app, T_STALE_TITLE), items, 2, &choice);
    if (rc != SCR_OK || choice == 0) return rc == SCR_LEAVE ? SCR_LEAVE : SCR_BACK;
    Kiosk__Core__V1__GetChildRequest get = KIOSK__CORE__V1__GET_CHILD_REQUEST__INIT;
    get.child_id = (char *)child_id;
    ProtobufCMessage *answer = NULL;
    scr_refusal again;
    rc = app_read(app, "/kiosk.core.v1.Children/GetChild", &get.base, &kiosk__core__v1__get_child_response__descriptor,
                  &answer, &again);
    if (rc != SCR_OK) return rc == SCR_LEAVE ? SCR_LEAVE : show_refusal(app, app_text(app, T_EDIT_TITLE), &again);
    const Kiosk__Core__V1__Child *now = ((const Kiosk__Core__V1__GetChildResponse *)answer)->child;
    pf_form *fresh = NULL, *rebased = NULL;
    rc = now ? edit_form(now, &fresh) : SCR_ERR_ARGUMENT;
    if (rc == SCR_OK) rc = edit_form(now, &rebased);
    if (rc == SCR_OK) rc = pf_rebase(rebased, seen, form);
    if (rc == SCR_OK) rc = pf_copy(seen, fresh);
    if (rc == SCR_OK) rc = pf_copy(form, rebased);
    if (rc == SCR_OK) app_notice(app, 0, app_text(app, T_STALE_REBASED), (long long)now->version);
    pf_form_free(fresh);
    pf_form_free(rebased);
    protobuf_c_message_free_unpacked(answer, NULL);
    return rc;
}

scr_status screen_edit_child(scr_app *app, const ProtobufCMessage *child_message) {
    const Kiosk__Core__V1__Child *child = (const Kiosk__Core__V1__Child *)child_message;
    pf_form *form = NULL, *seen = NULL;
    scr_status rc = edit_form(child, &form);
    if (rc == SCR_OK) rc = edit_form(child, &seen);
    if (rc != SCR_OK) {
        pf_form_free(form);
        pf_form_free(seen);
        return rc;
    }
    char title[256], id[80];
    snprintf(title, sizeof title, "%s · %s", app_text(app, T_EDIT_TITLE), child->details ? child->details->name : "");
    snprintf(id, sizeof id, "%s", child->child_id);
    for (;;) {
        rc = form_run(app, form, title, app_text(app, T_EDIT_INTRO));
        if (rc != SCR_OK) break;
        ProtobufCMessage *request = NULL, *answer = NULL;
        if ((rc = pf_build(form, &request)) != SCR_OK) break;
        scr_delivery delivery;
        scr_refusal refusal;
        rc = app_submit(app, "/kiosk.core.v1.Children/UpdateChild", request,
                        &kiosk__core__v1__update_child_response__descriptor, &delivery, &answer, &refusal, NULL);
        protobuf_c_message_free_unpacked(request, NULL);
        if (answer) protobuf_c_message_free_unpacked(answer, NULL);
        if (rc == SCR_LEAVE) break;
        if (delivery == DELIVERY_ACCEPTED) {
            rc = ui_message(app, title, app_text(app, T_EDIT_SAVED), NULL);
            break;
        }
        if (delivery == DELIVERY_WAITING && rc != SCR_ERR_IO) {
            rc = ui_message(app, title, app_text(app, T_EDIT_WAITING), NULL);
            break;
        }
        if (refusal.code == KIOSK_CODE_ABORTED) {
            rc = stale_edit(app, form, seen, id, &refusal);
            if (rc != SCR_OK) break;
            continue;
        }
        pf_mark_refusal(app, form, &refusal);
        rc = show_refusal(app, title, &refusal);
        if (rc == SCR_LEAVE) break;
    }
    pf_form_free(form);
    pf_form_free(seen);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}
