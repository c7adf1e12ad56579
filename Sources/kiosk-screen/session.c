/*
 * Signing in and out. Each worker has an outbox file of their own (outbox-<worker>.sqlite), so that
 * what one worker submitted offline is sent with that worker's session, never with the next one's.
 * When the session ends under a screen (expired, or the server forgot it), the PIN is asked again in
 * a dialogue over that screen, and the screen with its form is still there afterwards.
 */
#include "ui.h"
#include "kiosk/core/v1/session.pb-c.h"

#include <stdio.h>
#include <string.h>

static scr_status open_outbox(scr_app *app, char *error, size_t size) {
    char safe[64];
    size_t n = 0;
    for (const char *p = app->session.worker_id; *p && n + 1 < sizeof safe; p++) {
        char c = *p;
        int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        safe[n++] = plain ? c : '_';
    }
    safe[n] = '\0';
    scr_sb path = {0};
    sb_printf(&path, "%s/outbox-%s.sqlite", app->settings.outbox_dir, safe);
    kiosk_status_t rc = kiosk_outbox_open(path.s, &app->outbox);
    if (rc != KIOSK_OK) {
        snprintf(error, size, "%s", app->outbox ? kiosk_outbox_error(app->outbox) : "out of memory");
        kiosk_outbox_close(app->outbox);
        app->outbox = NULL;
    }
    sb_free(&path);
    return rc == KIOSK_OK ? SCR_OK : SCR_ERR_IO;
}

/* Keeps what the server answered about the worker. */
static scr_status keep_session(scr_app *app) {
    kiosk_session_info me;
    if (kiosk_client_session_info(app->client, &me) != KIOSK_OK) return SCR_ERR_ARGUMENT;
    scr_session *s = &app->session;
    snprintf(s->worker_id, sizeof s->worker_id, "%s", me.worker_id);
    snprintf(s->display_name, sizeof s->display_name, "%s", *me.display_name ? me.display_name : me.worker_id);
    snprintf(s->jurisdiction, sizeof s->jurisdiction, "%s", me.jurisdiction);
    s->role = me.role;
    s->expires_at_unix = me.expires_at_unix;
    s->signed_in = 1;
    return SCR_OK;
}

/* Signs in; on failure writes what to tell the worker into `words` and the server's words into `detail`. */
static scr_status try_sign_in(scr_app *app, const char *worker, const char *pin, scr_sb *words, scr_sb *detail) {
    ui_busy(app, app_text(app, T_SIGNING_IN));
    kiosk_status_t rc = kiosk_client_sign_in(app->client, worker, pin);
    app->notice[0] = '\0';
    if (rc == KIOSK_OK) {
        app->online = 1;
        return keep_session(app);
    }
    if (rc != KIOSK_ERR_STATUS) {
        scr_refusal r = {0};
        app->online = 0;
        sb_append(words, app_text(app, T_SIGN_IN_OFFLINE));
        sb_append(detail, kiosk_client_error(app->client));
        if (rc == KIOSK_ERR_CONNECTION_REFUSED) {
            uint32_t code = kiosk_client_connection_error_code(app->client);
            sb_printf(words, "\n%s", app_text(app, code == KIOSK_CONNECTION_ERROR_UNAUTHENTICATED ||
                                                      code == KIOSK_CONNECTION_ERROR_UNSUPPORTED_VERSION
                                                  ? T_CALL_OPERATOR
                                              : code == KIOSK_CONNECTION_ERROR_OVERLOADED ||
                                                      code == KIOSK_CONNECTION_ERROR_TIMEOUT
                                                  ? T_SERVER_BUSY
                                                  : T_CALL_VENDOR));
        }
        (void)r;
        return SCR_OFFLINE;
    }
    app->online = 1;
    uint32_t code = kiosk_client_status_code(app->client);
    sb_append(detail, kiosk_client_status_message(app->client));
    if (code == KIOSK_CODE_UNAUTHENTICATED) sb_append(words, app_text(app, T_SIGN_IN_WRONG));
    else if (code == KIOSK_CODE_RESOURCE_EXHAUSTED) sb_append(words, app_text(app, T_SIGN_IN_LOCKED));
    else if (code == KIOSK_CODE_INVALID_ARGUMENT) sb_append(words, app_text(app, T_SIGN_IN_MISSING));
    else {
        scr_refusal r = {.code = code};
        snprintf(r.message, sizeof r.message, "%s", kiosk_client_status_message(app->client));
        refusal_describe(app, &r, words);
    }
    return SCR_REFUSED;
}

static const scr_hint sign_in_hints[] = {
    {"Enter", T_SIGN_IN, ACT_SELECT, 0, NULL}, {"Tab", T_NEXT_FIELD, ACT_NEXT, 0, NULL},
    {"F2", T_OTHER_LANGUAGE, ACT_LANGUAGE, 0, NULL}, {"Esc", T_QUIT, ACT_BACK, 0, NULL},
};

static scr_status draw_field(scr_app *app, int y, int x, const char *label, const scr_line *line, int secret, int current,
                             int *cursor_x) {
    int used = 0;
    ui_put(app, y, x, 16, label, current ? STYLE_HEADING : STYLE_NORMAL, &used);
    int fx = x + 12;
    ui_fill(app, y, fx, 24, STYLE_FIELD);
    int col = fx;
    for (size_t i = 0; i < line->len && col < fx + 23; i++) {
        char bytes[5];
        wide_char_utf8(secret ? L'*' : line->w[i], bytes);
        ui_put(app, y, col, 2, bytes, STYLE_FIELD, &used);
        col += used;
    }
    if (current) *cursor_x = col;
    return SCR_OK;
}

static scr_status draw_sign_in(scr_app *app, const scr_line *worker, const scr_line *pin, int field, const scr_sb *words,
                               const scr_sb *detail, int *cy, int *cx) {
    ui_frame(app, app_text(app, T_SIGN_IN_TITLE), sign_in_hints, sizeof sign_in_hints / sizeof *sign_in_hints);
    int x = app->cols / 2 - 20, y = app->rows / 2 - 5;
    if (x < 2) x = 2;
    if (y < UI_CONTENT_TOP) y = UI_CONTENT_TOP;
    ui_put(app, y, x, app->cols - x, app_text(app, T_SIGN_IN_PLEASE), STYLE_HEADING, NULL);
    draw_field(app, y + 2, x, app_text(app, T_WORKER_ID), worker, 0, field == 0, cx);
    draw_field(app, y + 3, x, app_text(app, T_PIN), pin, 1, field == 1, cx);
    *cy = field == 0 ? y + 2 : y + 3;
    scr_list lines = {0};
    if (words->s) list_add_wrapped(&lines, words->s, app->cols - x - 2, 0, 0, STYLE_ERROR, 0);
    if (detail->s && *detail->s) {
        list_add(&lines, app_text(app, T_SERVER_WORDS), 0, STYLE_DIM, 0);
        list_add_wrapped(&lines, detail->s, app->cols - x - 2, 0, 0, STYLE_DIM, 0);
    }
    for (size_t i = 0; i < lines.n && y + 5 + (int)i < ui_content_bottom(app); i++)
        ui_put(app, y + 5 + (int)i, x, app->cols - x - 1, lines.rows[i].text, lines.rows[i].style, NULL);
    list_free(&lines);
    scr_sb where = {0};
    sb_printf(&where, "%s %s · %s %s:%u", app_text(app, T_THIS_KIOSK), app->settings.kiosk_id, app_text(app, T_SERVER),
              app->settings.host, app->settings.port);
    ui_put(app, ui_content_bottom(app) - 1, 2, app->cols - 4, where.s, STYLE_DIM, NULL);
    sb_free(&where);
    return SCR_OK;
}

static scr_status after_sign_in(scr_app *app, scr_sb *words) {
    char error[512];
    if (open_outbox(app, error, sizeof error) != SCR_OK) {
        sb_printf(words, "%s\n%s", app_text(app, T_OUTBOX_BROKEN), error);
        kiosk_client_sign_out(app->client);
        memset(&app->session, 0, sizeof app->session);
        return SCR_ERR_IO;
    }
    app->counts = (scr_outbox_counts){0};
    app->next_flush_ms = 0;
    app->flush_backoff_ms = app->settings.retry_seconds * 1000;
    app_refresh_server_info(app);
    return app_flush(app, 0);
}

scr_status screen_sign_in(scr_app *app) {
    scr_line worker = {0}, pin = {0};
    scr_sb words = {0}, detail = {0};
    int field = 0;
    scr_status rc = SCR_OK;
    app_refresh_server_info(app);
    for (;;) {
        int cy = -1, cx = -1;
        draw_sign_in(app, &worker, &pin, field, &words, &detail, &cy, &cx);
        ui_cursor(app, cy, cx);
        scr_event e;
        ui_event(app, &e);
        scr_line *line = field == 0 ? &worker : &pin;
        line->cursor = line->len;
        if (e.action == ACT_LEAVE) { rc = SCR_LEAVE; break; }
        if (e.action == ACT_BACK) {
            const char *items[] = {app_text(app, T_QUIT_CONFIRM), app_text(app, T_STAY)};
            size_t choice = 1;
            if (ui_choose(app, app_text(app, T_QUIT), items, 2, &choice) == SCR_OK && choice == 0) {
                app->leaving = 2;
                rc = SCR_LEAVE;
                break;
            }
            continue;
        }
        if (e.action == ACT_NEXT || e.action == ACT_DOWN || e.action == ACT_UP || e.action == ACT_PREVIOUS ||
            (e.action == ACT_SELECT && field == 0)) {
            field = !field;
            continue;
        }
        if (e.action == ACT_CHAR) line_insert(line, e.ch);
        if (e.action == ACT_ERASE) line_erase_before(line);
        if (e.action != ACT_SELECT && e.action != ACT_SUBMIT) continue;
        char id[64], secret[128];
        line_copy_utf8(&worker, id, sizeof id);
        line_copy_utf8(&pin, secret, sizeof secret);
        sb_clear(&words);
        sb_clear(&detail);
        if (try_sign_in(app, id, secret, &words, &detail) == SCR_OK && after_sign_in(app, &words) == SCR_OK) break;
        line_clear(&pin);
        field = *id ? 1 : 0;
    }
    line_free(&worker);
    line_free(&pin);
    sb_free(&words);
    sb_free(&detail);
    return rc;
}

scr_status session_reauthenticate(scr_app *app) {
    if (app->in_reauth || !app->session.signed_in) return SCR_OK;
    app->in_reauth = 1;
    app->modal++;
    scr_status rc = SCR_OK;
    while (app->session_expired && !app->leaving) {
        char pin[128] = "", title[256];
        snprintf(title, sizeof title, app_text(app, T_REAUTH_TITLE), app->session.display_name);
        rc = ui_prompt(app, title, app_text(app, T_PIN), pin, sizeof pin, 1);
        if (rc == SCR_BACK) {
            const char *items[] = {app_text(app, T_REAUTH_AGAIN), app_text(app, T_REAUTH_LATER), app_text(app, T_SIGN_OUT)};
            size_t choice = 0;
            if (ui_choose(app, app_text(app, T_REAUTH_NEEDED), items, 3, &choice) != SCR_OK) continue;
            if (choice == 1) break;
            if (choice == 2) app->leaving = 1;
            continue;
        }
        if (rc != SCR_OK) break;
        scr_sb words = {0}, detail = {0};
        char worker[64];
        snprintf(worker, sizeof worker, "%s", app->session.worker_id);
        if (try_sign_in(app, worker, pin, &words, &detail) == SCR_OK) {
            app->session_expired = 0;
            app->next_flush_ms = 0;
        } else {
            ui_message(app, app_text(app, T_REAUTH_NEEDED), words.s, detail.s);
        }
        sb_free(&words);
        sb_free(&detail);
    }
    /* "Later": work on; the next answer from the server that says so asks again. */
    app->session_expired = 0;
    app->modal--;
    app->in_reauth = 0;
    return app->leaving ? SCR_LEAVE : rc;
}

scr_status session_end(scr_app *app) {
    if (app->session.signed_in) kiosk_client_sign_out(app->client);
    kiosk_outbox_close(app->outbox);
    app->outbox = NULL;
    memset(&app->session, 0, sizeof app->session);
    memset(&app->context, 0, sizeof app->context);
    app->counts = (scr_outbox_counts){0};
    app->notice[0] = '\0';
    app->session_expired = 0;
    if (app->leaving == 1) app->leaving = 0;
    return SCR_OK;
}
