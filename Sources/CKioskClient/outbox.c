/* The outbox: submissions stored in SQLite before they are sent, resent until answered. */
#define _POSIX_C_SOURCE 200809L
#include "kiosk_outbox.h"
#include "internal.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct kiosk_outbox {
    sqlite3 *db;
    char error[512];
    /* Backing store of the last entry handed out by kiosk_outbox_get. */
    char *key, *method, *label, *status_message;
    uint8_t *response;
};

static const char *const schema =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "CREATE TABLE IF NOT EXISTS outbox ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " idempotency_key TEXT NOT NULL UNIQUE,"
    " method TEXT NOT NULL,"
    " label TEXT NOT NULL DEFAULT '',"
    " request BLOB NOT NULL,"
    " state INTEGER NOT NULL DEFAULT 0,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " status_code INTEGER NOT NULL DEFAULT 0,"
    " status_message TEXT NOT NULL DEFAULT '',"
    " response BLOB,"
    " created_at INTEGER NOT NULL,"
    " answered_at INTEGER);";

static kiosk_status_t fail(kiosk_outbox *o, kiosk_status_t status, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static kiosk_status_t fail(kiosk_outbox *o, kiosk_status_t status, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(o->error, sizeof o->error, format, args);
    va_end(args);
    return status;
}

static kiosk_status_t storage_fail(kiosk_outbox *o, const char *what) {
    return fail(o, KIOSK_ERR_STORAGE, "outbox: %s: %s", what, o->db ? sqlite3_errmsg(o->db) : "not open");
}

static kiosk_status_t succeed(kiosk_outbox *o) {
    o->error[0] = '\0';
    return KIOSK_OK;
}

kiosk_status_t kiosk_outbox_open(const char *path, kiosk_outbox **out) {
    if (!out) return KIOSK_ERR_ARGUMENT;
    kiosk_outbox *o = calloc(1, sizeof *o);
    *out = o;
    if (!o) return KIOSK_ERR_NO_MEMORY;
    if (!path || !*path) return fail(o, KIOSK_ERR_ARGUMENT, "outbox: no file path");
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &o->db, flags, NULL) != SQLITE_OK) return storage_fail(o, "cannot open the file");
    sqlite3_busy_timeout(o->db, 5000);
    if (sqlite3_exec(o->db, schema, NULL, NULL, NULL) != SQLITE_OK) return storage_fail(o, "cannot set up the file");
    return succeed(o);
}

static void forget_entry(kiosk_outbox *o) {
    free(o->key);
    free(o->method);
    free(o->label);
    free(o->status_message);
    free(o->response);
    o->key = o->method = o->label = o->status_message = NULL;
    o->response = NULL;
}

void kiosk_outbox_close(kiosk_outbox *o) {
    if (!o) return;
    forget_entry(o);
    sqlite3_close(o->db);
    free(o);
}

const char *kiosk_outbox_error(const kiosk_outbox *o) { return o ? o->error : "no outbox"; }

kiosk_status_t kiosk_outbox_add_bytes(kiosk_outbox *o, const char *method, const uint8_t *request, size_t len,
                                      const char *label, char key_out[33]) {
    if (!o) return KIOSK_ERR_ARGUMENT;
    if (!o->db) return fail(o, KIOSK_ERR_STORAGE, "outbox: not open");
    if (!method || method[0] != '/' || (!request && len)) return fail(o, KIOSK_ERR_ARGUMENT, "outbox: invalid argument");
    char key[33];
    if (kiosk_new_idempotency_key(key) != KIOSK_OK) return fail(o, KIOSK_ERR_IO, "outbox: cannot read /dev/urandom");
    sqlite3_stmt *st = NULL;
    const char *sql = "INSERT INTO outbox (idempotency_key, method, label, request, created_at) VALUES (?,?,?,?,?)";
    if (sqlite3_prepare_v2(o->db, sql, -1, &st, NULL) != SQLITE_OK) return storage_fail(o, "cannot store");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, method, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, label ? label : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 4, len ? (const void *)request : "", (int)len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)time(NULL));
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) return storage_fail(o, "cannot store");
    if (key_out) memcpy(key_out, key, 33);
    return succeed(o);
}

kiosk_status_t kiosk_outbox_add(kiosk_outbox *o, const char *method, const ProtobufCMessage *request,
                                const char *label, char key_out[33]) {
    if (!o) return KIOSK_ERR_ARGUMENT;
    if (!request) return fail(o, KIOSK_ERR_ARGUMENT, "outbox: no request");
    size_t size = protobuf_c_message_get_packed_size(request);
    uint8_t *bytes = malloc(size ? size : 1);
    if (!bytes) return fail(o, KIOSK_ERR_NO_MEMORY, "out of memory");
    protobuf_c_message_pack(request, bytes);
    kiosk_status_t rc = kiosk_outbox_add_bytes(o, method, bytes, size, label, key_out);
    free(bytes);
    return rc;
}

/* A status that may change if the entry is sent again. */
static int is_retryable(uint32_t code) {
    return code == KIOSK_CODE_CANCELLED || code == KIOSK_CODE_DEADLINE_EXCEEDED ||
           code == KIOSK_CODE_RESOURCE_EXHAUSTED || code == KIOSK_CODE_UNAVAILABLE ||
           code == KIOSK_CODE_UNAUTHENTICATED;
}

/* Records what became of one send of entry `seq`; `sends` is how often its request left the kiosk. */
static kiosk_status_t record_attempt(kiosk_outbox *o, int64_t seq, uint32_t sends, int answered, uint32_t code,
                                     const char *message, const uint8_t *response, size_t len) {
    sqlite3_stmt *st = NULL;
    const char *sql = answered
        ? "UPDATE outbox SET attempts = attempts + ?, state = 1, status_code = ?, status_message = ?, response = ?,"
          " answered_at = ? WHERE seq = ?"
        : "UPDATE outbox SET attempts = attempts + ?, status_code = ?, status_message = ? WHERE seq = ?";
    if (sqlite3_prepare_v2(o->db, sql, -1, &st, NULL) != SQLITE_OK) return storage_fail(o, "cannot record an answer");
    sqlite3_bind_int64(st, 1, sends);
    sqlite3_bind_int64(st, 2, code);
    sqlite3_bind_text(st, 3, message ? message : "", -1, SQLITE_TRANSIENT);
    if (answered) {
        if (response) sqlite3_bind_blob(st, 4, len ? (const void *)response : "", (int)len, SQLITE_TRANSIENT);
        else sqlite3_bind_null(st, 4);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)time(NULL));
        sqlite3_bind_int64(st, 6, seq);
    } else {
        sqlite3_bind_int64(st, 4, seq);
    }
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? KIOSK_OK : storage_fail(o, "cannot record an answer");
}

/* Loads the oldest pending entry after `after_seq`; *found is 0 when there is none. */
static kiosk_status_t next_pending(kiosk_outbox *o, int64_t after_seq, int *found, int64_t *seq, char **key,
                                   char **method, uint8_t **request, size_t *len) {
    sqlite3_stmt *st = NULL;
    const char *sql = "SELECT seq, idempotency_key, method, request FROM outbox WHERE state = 0 AND seq > ? "
                      "ORDER BY seq LIMIT 1";
    if (sqlite3_prepare_v2(o->db, sql, -1, &st, NULL) != SQLITE_OK) return storage_fail(o, "cannot read");
    sqlite3_bind_int64(st, 1, after_seq);
    int step = sqlite3_step(st);
    kiosk_status_t rc = KIOSK_OK;
    *found = 0;
    if (step == SQLITE_ROW) {
        *seq = sqlite3_column_int64(st, 0);
        *key = kc_strdup((const char *)sqlite3_column_text(st, 1));
        *method = kc_strdup((const char *)sqlite3_column_text(st, 2));
        *len = (size_t)sqlite3_column_bytes(st, 3);
        *request = malloc(*len ? *len : 1);
        if (*request && *len) memcpy(*request, sqlite3_column_blob(st, 3), *len);
        if (!*key || !*method || !*request) {
            free(*key), free(*method), free(*request);
            rc = fail(o, KIOSK_ERR_NO_MEMORY, "out of memory");
        } else {
            *found = 1;
        }
    } else if (step != SQLITE_DONE) {
        rc = storage_fail(o, "cannot read");
    }
    sqlite3_finalize(st);
    return rc;
}

int64_t kiosk_outbox_pending_count(kiosk_outbox *o) {
    if (!o || !o->db) return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(o->db, "SELECT count(*) FROM outbox WHERE state = 0", -1, &st, NULL) != SQLITE_OK) return -1;
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

kiosk_status_t kiosk_outbox_flush(kiosk_outbox *o, kiosk_client *client, size_t *answered, size_t *pending) {
    if (!o) return KIOSK_ERR_ARGUMENT;
    if (!client) return fail(o, KIOSK_ERR_ARGUMENT, "outbox: no client");
    if (!o->db) return fail(o, KIOSK_ERR_STORAGE, "outbox: not open");
    size_t done = 0;
    int64_t after = 0;
    kiosk_status_t rc = KIOSK_OK;
    for (;;) {
        int found = 0;
        int64_t seq = 0;
        char *key = NULL, *method = NULL;
        uint8_t *request = NULL, *response = NULL;
        size_t len = 0, response_len = 0;
        if ((rc = next_pending(o, after, &found, &seq, &key, &method, &request, &len)) != KIOSK_OK || !found) break;
        after = seq;
        kiosk_status_t call = kiosk_client_call_bytes(client, method, key, request, len, &response, &response_len);
        uint32_t sends = kc_last_call_sends(client);
        if (call == KIOSK_OK) {
            rc = record_attempt(o, seq, sends, 1, 0, "", response, response_len);
            done++;
        } else if (call == KIOSK_ERR_STATUS) {
            uint32_t code = kiosk_client_status_code(client);
            int final = !is_retryable(code);
            rc = record_attempt(o, seq, sends, final, code, kiosk_client_status_message(client), NULL, 0);
            if (final) done++;
        } else {
            /* The connection failed: stop here, everything from this entry on stays pending. The error
             * is kept for people; only sends that left the kiosk count as attempts. */
            record_attempt(o, seq, sends, 0, 0, kiosk_client_error(client), NULL, 0);
            rc = fail(o, call, "outbox: %s", kiosk_client_error(client));
        }
        free(key);
        free(method);
        free(request);
        free(response);
        if (rc != KIOSK_OK) break;
    }
    if (answered) *answered = done;
    int64_t left = kiosk_outbox_pending_count(o);
    if (pending) *pending = left < 0 ? 0 : (size_t)left;
    return rc == KIOSK_OK ? succeed(o) : rc;
}

/* Fills `e` from a row of SELECT_ENTRY, copying strings into the outbox's backing store. */
#define SELECT_ENTRY                                                                                              \
    "SELECT seq, idempotency_key, method, label, state, attempts, status_code, status_message, response,"        \
    " created_at FROM outbox "
static kiosk_status_t fill_entry(kiosk_outbox *o, sqlite3_stmt *st, kiosk_outbox_entry *e) {
    forget_entry(o);
    o->key = kc_strdup((const char *)sqlite3_column_text(st, 1));
    o->method = kc_strdup((const char *)sqlite3_column_text(st, 2));
    o->label = kc_strdup((const char *)sqlite3_column_text(st, 3));
    o->status_message = kc_strdup((const char *)sqlite3_column_text(st, 7));
    size_t len = (size_t)sqlite3_column_bytes(st, 8);
    o->response = malloc(len ? len : 1);
    if (!o->key || !o->method || !o->label || !o->status_message || !o->response) {
        forget_entry(o);
        return fail(o, KIOSK_ERR_NO_MEMORY, "out of memory");
    }
    if (len) memcpy(o->response, sqlite3_column_blob(st, 8), len);
    memset(e, 0, sizeof *e);
    e->seq = sqlite3_column_int64(st, 0);
    e->idempotency_key = o->key;
    e->method = o->method;
    e->label = o->label;
    e->state = sqlite3_column_int(st, 4) ? KIOSK_OUTBOX_ANSWERED : KIOSK_OUTBOX_PENDING;
    e->attempts = sqlite3_column_int64(st, 5);
    e->status_code = (uint32_t)sqlite3_column_int64(st, 6);
    e->status_message = o->status_message;
    e->response = sqlite3_column_type(st, 8) == SQLITE_NULL ? NULL : o->response;
    e->response_len = len;
    e->created_at_unix = sqlite3_column_int64(st, 9);
    return KIOSK_OK;
}

kiosk_status_t kiosk_outbox_get(kiosk_outbox *o, const char *key, kiosk_outbox_entry *entry) {
    if (!o) return KIOSK_ERR_ARGUMENT;
    if (!key || !entry) return fail(o, KIOSK_ERR_ARGUMENT, "outbox: invalid argument");
    if (!o->db) return fail(o, KIOSK_ERR_STORAGE, "outbox: not open");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(o->db, SELECT_ENTRY "WHERE idempotency_key = ?", -1, &st, NULL) != SQLITE_OK)
        return storage_fail(o, "cannot read");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(st);
    kiosk_status_t rc = step == SQLITE_ROW    ? fill_entry(o, st, entry)
                        : step == SQLITE_DONE ? fail(o, KIOSK_ERR_ARGUMENT, "outbox: no entry with key %s", key)
                                              : storage_fail(o, "cannot read");
    sqlite3_finalize(st);
    return rc == KIOSK_OK ? succeed(o) : rc;
}

kiosk_status_t kiosk_outbox_response(kiosk_outbox *o, const char *key, const ProtobufCMessageDescriptor *type,
                                     ProtobufCMessage **response) {
    if (!o) return KIOSK_ERR_ARGUMENT;
    if (!type || !response) return fail(o, KIOSK_ERR_ARGUMENT, "outbox: invalid argument");
    *response = NULL;
    kiosk_outbox_entry e;
    kiosk_status_t rc = kiosk_outbox_get(o, key, &e);
    if (rc != KIOSK_OK) return rc;
    if (e.state != KIOSK_OUTBOX_ANSWERED || e.status_code != 0 || !e.response)
        return fail(o, KIOSK_ERR_ARGUMENT, "outbox: entry %s has no OK answer yet", key);
    *response = protobuf_c_message_unpack(type, NULL, e.response_len, e.response);
    return *response ? KIOSK_OK : fail(o, KIOSK_ERR_DECODE, "outbox: the answer does not parse as %s", type->name);
}

kiosk_status_t kiosk_outbox_request(kiosk_outbox *o, const char *key, const ProtobufCMessageDescriptor *type,
                                    ProtobufCMessage **request) {
    if (!o) return KIOSK_ERR_ARGUMENT;
    if (!key || !type || !request) return fail(o, KIOSK_ERR_ARGUMENT, "outbox: invalid argument");
    *request = NULL;
    if (!o->db) return fail(o, KIOSK_ERR_STORAGE, "outbox: not open");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(o->db, "SELECT request FROM outbox WHERE idempotency_key = ?", -1, &st, NULL) != SQLITE_OK)
        return storage_fail(o, "cannot read");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(st);
    kiosk_status_t rc = KIOSK_OK;
    if (step == SQLITE_ROW) {
        size_t len = (size_t)sqlite3_column_bytes(st, 0);
        *request = protobuf_c_message_unpack(type, NULL, len, sqlite3_column_blob(st, 0));
        if (!*request) rc = fail(o, KIOSK_ERR_DECODE, "outbox: the request does not parse as %s", type->name);
    } else {
        rc = step == SQLITE_DONE ? fail(o, KIOSK_ERR_ARGUMENT, "outbox: no entry with key %s", key)
                                 : storage_fail(o, "cannot read");
    }
    sqlite3_finalize(st);
    return rc == KIOSK_OK ? succeed(o) : rc;
}

kiosk_status_t kiosk_outbox_list(kiosk_outbox *o, kiosk_outbox_visitor visit, void *context) {
    if (!o) return KIOSK_ERR_ARGUMENT;
    if (!visit) return fail(o, KIOSK_ERR_ARGUMENT, "outbox: no visitor");
    if (!o->db) return fail(o, KIOSK_ERR_STORAGE, "outbox: not open");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(o->db, SELECT_ENTRY "ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
        return storage_fail(o, "cannot read");
    kiosk_status_t rc = KIOSK_OK;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        kiosk_outbox_entry e;
        if ((rc = fill_entry(o, st, &e)) != KIOSK_OK) break;
        if (visit(&e, context) != 0) break;
    }
    if (rc == KIOSK_OK && step != SQLITE_ROW && step != SQLITE_DONE) rc = storage_fail(o, "cannot read");
    sqlite3_finalize(st);
    return rc == KIOSK_OK ? succeed(o) : rc;
}

kiosk_status_t kiosk_outbox_prune(kiosk_outbox *o) {
    if (!o) return KIOSK_ERR_ARGUMENT;
    if (!o->db) return fail(o, KIOSK_ERR_STORAGE, "outbox: not open");
    if (sqlite3_exec(o->db, "DELETE FROM outbox WHERE state = 1", NULL, NULL, NULL) != SQLITE_OK)
        return storage_fail(o, "cannot delete");
    return succeed(o);
}
