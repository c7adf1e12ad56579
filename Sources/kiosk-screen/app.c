/*
 * The app handle: texts and labels in the worker's language, the ids the worker saw, and every
 * exchange with the server. Reads go straight to the server; changes go through the outbox first
 * (kiosk_outbox_add writes them to disk), so that a change survives the server going away, and the
 * outbox is sent again in the background until every entry has its answer.
 */
#include "ui.h"
#include "kiosk/host/v1/host.pb-c.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

scr_status app_new(const scr_settings *settings, scr_app **out, char *error, size_t error_size) {
    *out = NULL;
    scr_app *app = calloc(1, sizeof *app);
    if (!app) return SCR_ERR_NO_MEMORY;
    app->settings = *settings;
    app->lang = settings->lang;
    app->online = -1;
    app->flush_backoff_ms = settings->retry_seconds * 1000;
    scr_status rc = labels_open(settings->labels_dir, &app->labels);
    if (rc != SCR_OK) {
        snprintf(error, error_size, "labels: %s", labels_error(app->labels));
        app_free(app);
        return rc;
    }
    rc = connection_open(settings, &app->client);
    if (rc != SCR_OK) {
        snprintf(error, error_size, "cannot set up the connection to %s:%u", settings->host, settings->port);
        app_free(app);
        return rc;
    }
    *out = app;
    return SCR_OK;
}

void app_free(scr_app *app) {
    if (!app) return;
    kiosk_outbox_close(app->outbox);
    kiosk_client_free(app->client);
    labels_free(app->labels);
    free(app);
}

const char *app_text(const scr_app *app, scr_text id) { return text_get(id, app ? app->lang : SCR_LANG_ZH); }

const char *app_label(const scr_app *app, const char *key, const char *fallback) {
    const char *label = labels_text(app->labels, key, app->lang);
    return label ? label : fallback;
}

const char *app_help(const scr_app *app, const char *key) { return labels_help(app->labels, key, app->lang); }

scr_status app_notice(scr_app *app, int is_error, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(app->notice, sizeof app->notice, format, args);
    va_end(args);
    app->notice_is_error = is_error;
    return SCR_OK;
}

scr_status app_remember(scr_app *app, const char *name, const char *value) {
    scr_context *c = &app->context;
    if (!name || !value || !*value || strlen(name) >= sizeof c->name[0] || strlen(value) >= sizeof c->value[0])
        return SCR_ERR_ARGUMENT;
    size_t slot = 0;
    for (size_t i = 0; i < SCR_CONTEXT_SLOTS; i++) {
        if (!strcmp(c->name[i], name)) {
            slot = i;
            break;
        }
        if (c->age[i] < c->age[slot]) slot = i;
    }
    snprintf(c->name[slot], sizeof c->name[slot], "%s", name);
    snprintf(c->value[slot], sizeof c->value[slot], "%s", value);
    c->age[slot] = ++c->clock;
    return SCR_OK;
}

const char *app_recall(const scr_app *app, const char *name) {
    for (size_t i = 0; i < SCR_CONTEXT_SLOTS; i++)
        if (app->context.age[i] && !strcmp(app->context.name[i], name)) return app->context.value[i];
    return NULL;
}

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Says why the server could not be reached, with whom to call when it refused this kiosk. */
static scr_status offline_words(scr_app *app, kiosk_status_t rc, scr_refusal *refusal) {
    refusal->code = 0;
    scr_text advice = T_OFFLINE_TRY_LATER;
    if (rc == KIOSK_ERR_CONNECTION_REFUSED) {
        switch (kiosk_client_connection_error_code(app->client)) {
        case KIOSK_CONNECTION_ERROR_UNAUTHENTICATED:
        case KIOSK_CONNECTION_ERROR_UNSUPPORTED_VERSION: advice = T_CALL_OPERATOR; break;
        case KIOSK_CONNECTION_ERROR_OVERLOADED:
        case KIOSK_CONNECTION_ERROR_TIMEOUT: advice = T_SERVER_BUSY; break;
        default: advice = T_CALL_VENDOR; break;
        }
    }
    snprintf(refusal->message, sizeof refusal->message, "%s", kiosk_client_error(app->client));
    app->online = 0;
    app_notice(app, 1, "%s", app_text(app, advice));
    return SCR_OK;
}

scr_status app_read(scr_app *app, const char *method, const ProtobufCMessage *request,
                    const ProtobufCMessageDescriptor *response_type, ProtobufCMessage **response, scr_refusal *refusal) {
    *response = NULL;
    memset(refusal, 0, sizeof *refusal);
    snprintf(refusal->method, sizeof refusal->method, "%s", method);
    for (int attempt = 0;; attempt++) {
        ui_busy(app, app_text(app, T_ASKING_SERVER));
        kiosk_status_t rc = kiosk_client_call(app->client, method, NULL, request, response_type, response);
        app->notice[0] = '\0';
        if (rc == KIOSK_OK) {
            app->online = 1;
            return SCR_OK;
        }
        if (rc != KIOSK_ERR_STATUS) {
            offline_words(app, rc, refusal);
            return SCR_OFFLINE;
        }
        app->online = 1;
        refusal->code = kiosk_client_status_code(app->client);
        snprintf(refusal->message, sizeof refusal->message, "%s", kiosk_client_status_message(app->client));
        if (refusal->code != KIOSK_CODE_UNAUTHENTICATED || !app->session.signed_in || attempt > 0) return SCR_REFUSED;
        /* The session ended (expired, or the server forgot it): ask for the PIN, then ask again. */
        app->session_expired = 1;
        scr_status again = session_reauthenticate(app);
        if (app->leaving) return SCR_LEAVE;
        if (again != SCR_OK || app->session_expired) return SCR_REFUSED;
    }
}

typedef struct count_walk {
    scr_outbox_counts counts;
    int expired;
} count_walk;

static int count_entry(const kiosk_outbox_entry *e, void *context) {
    count_walk *w = context;
    if (e->state == KIOSK_OUTBOX_PENDING) {
        w->counts.pending++;
        if (e->status_code == KIOSK_CODE_UNAUTHENTICATED) w->expired = 1;
    } else if (e->status_code == KIOSK_CODE_OK) {
        w->counts.delivered++;
    } else {
        w->counts.refused++;
    }
    return 0;
}

scr_status app_count_outbox(scr_app *app) {
    if (!app->outbox) return SCR_OK;
    count_walk w = {{0}, 0};
    if (kiosk_outbox_list(app->outbox, count_entry, &w) != KIOSK_OK) {
        app_notice(app, 1, "%s", kiosk_outbox_error(app->outbox));
        return SCR_ERR_IO;
    }
    w.counts.unseen = app->counts.unseen;
    app->counts = w.counts;
    if (w.expired) app->session_expired = 1;
    return SCR_OK;
}

scr_status app_flush(scr_app *app, int in_background) {
    if (!app->outbox || !app->session.signed_in) return SCR_OK;
    if (kiosk_outbox_pending_count(app->outbox) <= 0) return app_count_outbox(app);
    ui_busy(app, app_text(app, T_SENDING));
    size_t answered = 0, pending = 0;
    kiosk_status_t rc = kiosk_outbox_flush(app->outbox, app->client, &answered, &pending);
    uint32_t base = app->settings.retry_seconds * 1000;
    app->notice[0] = '\0';
    if (rc == KIOSK_OK) {
        app->online = 1;
        app->flush_backoff_ms = base;
        app->next_flush_ms = now_ms() + base;
    } else {
        if (rc != KIOSK_ERR_STORAGE) app->online = 0;
        app->next_flush_ms = now_ms() + app->flush_backoff_ms;
        app->flush_backoff_ms = app->flush_backoff_ms * 2 > base * 4 ? base * 4 : app->flush_backoff_ms * 2;
        app_notice(app, 1, "%s", app_text(app, rc == KIOSK_ERR_STORAGE ? T_OUTBOX_BROKEN : T_OFFLINE_SAVED));
    }
    if (in_background && answered) {
        app->counts.unseen += (int64_t)answered;
        app_notice(app, 0, app_text(app, T_ANSWERS_ARRIVED), (long long)app->counts.unseen);
    }
    return app_count_outbox(app);
}

scr_status app_tick(scr_app *app) {
    if (!app->outbox || !app->session.signed_in || app->session_expired) return SCR_OK;
    if (app->counts.pending <= 0 || now_ms() < app->next_flush_ms) return SCR_OK;
    return app_flush(app, 1);
}

scr_status app_submit(scr_app *app, const char *method, const ProtobufCMessage *request,
                      const ProtobufCMessageDescriptor *response_type, scr_delivery *delivery,
                      ProtobufCMessage **response, scr_refusal *refusal, char key[33]) {
    char own_key[33];
    char *k = key ? key : own_key;
    if (response) *response = NULL;
    memset(refusal, 0, sizeof *refusal);
    snprintf(refusal->method, sizeof refusal->method, "%s", method);
    *delivery = DELIVERY_WAITING;
    const char *label = strrchr(method, '/');
    if (!app->outbox || kiosk_outbox_add(app->outbox, method, request, label ? label + 1 : method, k) != KIOSK_OK) {
        snprintf(refusal->message, sizeof refusal->message, "%s", kiosk_outbox_error(app->outbox));
        app_notice(app, 1, "%s", app_text(app, T_OUTBOX_BROKEN));
        return SCR_ERR_IO;
    }
    app_flush(app, 0);
    if (app->session_expired && !app->in_reauth) {
        session_reauthenticate(app);
        if (app->leaving) return SCR_LEAVE;
        app_flush(app, 0);
    }
    kiosk_outbox_entry entry;
    if (kiosk_outbox_get(app->outbox, k, &entry) != KIOSK_OK) return SCR_ERR_IO;
    if (entry.state == KIOSK_OUTBOX_PENDING) {
        snprintf(refusal->message, sizeof refusal->message, "%s", entry.status_message);
        return SCR_OFFLINE;
    }
    if (entry.status_code != KIOSK_CODE_OK) {
        *delivery = DELIVERY_REFUSED;
        refusal->code = entry.status_code;
        snprintf(refusal->message, sizeof refusal->message, "%s", entry.status_message);
        return SCR_REFUSED;
    }
    *delivery = DELIVERY_ACCEPTED;
    if (response && kiosk_outbox_response(app->outbox, k, response_type, response) != KIOSK_OK) return SCR_ERR_IO;
    return SCR_OK;
}

scr_status app_refresh_server_info(scr_app *app) {
    Kiosk__Host__V1__GetServerInfoRequest request = KIOSK__HOST__V1__GET_SERVER_INFO_REQUEST__INIT;
    ProtobufCMessage *answer = NULL;
    kiosk_status_t rc = kiosk_client_call(app->client, "/kiosk.host.v1.Host/GetServerInfo", NULL, &request.base,
                                          &kiosk__host__v1__get_server_info_response__descriptor, &answer);
    if (rc != KIOSK_OK) {
        if (rc != KIOSK_ERR_STATUS) app->online = 0;
        return rc == KIOSK_ERR_STATUS ? SCR_REFUSED : SCR_OFFLINE;
    }
    app->online = 1;
    const Kiosk__Host__V1__GetServerInfoResponse *info = (const Kiosk__Host__V1__GetServerInfoResponse *)answer;
    scr_sb ids = {0};
    for (size_t i = 0; i < info->n_plugins; i++) sb_printf(&ids, "%s\n", info->plugins[i]->id);
    snprintf(app->plugins, sizeof app->plugins, "%s", ids.s ? ids.s : "");
    app->plugins_known = 1;
    sb_free(&ids);
    protobuf_c_message_free_unpacked(answer, NULL);
    return SCR_OK;
}

int app_plugin_installed(const scr_app *app, const char *id) {
    if (!app->plugins_known) return 1;
    /* Package names drop the '_' of plugin ids: civil_registration -> civilregistration. */
    const char *p = app->plugins;
    while (*p) {
        size_t n = strcspn(p, "\n");
        char plain[64];
        size_t k = 0;
        for (size_t i = 0; i < n && k + 1 < sizeof plain; i++)
            if (p[i] != '_') plain[k++] = p[i];
        plain[k] = '\0';
        if (!strcmp(plain, id)) return 1;
        p += n + (p[n] == '\n');
    }
    return 0;
}
