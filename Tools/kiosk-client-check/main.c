/*
 * kiosk-client-check: drives the C kiosk client through a whole kiosk flow against a running
 * kioskd and exits non-zero at the first surprise. CI runs it under valgrind (.ci/run); the Swift
 * test suite runs it against an in-process host (Tests/KioskClientTests).
 *
 *   kiosk-client-check HOST PORT KIOSK_ID CREDENTIAL WORKER PIN OUTBOX_FILE [--ca FILE] [--echo]
 *
 * --ca: the server speaks TLS with a certificate from this CA; also check TLS refusals.
 * --echo: the server has the test-only echo plugin; also check the outbox and a stream with it.
 */
#define _POSIX_C_SOURCE 200809L
#include "kiosk_client.h"
#include "kiosk_outbox.h"
#include "kiosk/core/v1/session.pb-c.h"
#include "kiosk/host/v1/host.pb-c.h"
#include "kiosk/testing/echo/v1/echo.pb-c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int failures = 0;

#define CHECK(condition, ...)                                                                                    \
    do {                                                                                                         \
        if (condition) {                                                                                         \
            printf("ok   ");                                                                                     \
        } else {                                                                                                 \
            printf("FAIL ");                                                                                     \
            failures++;                                                                                          \
        }                                                                                                        \
        printf(__VA_ARGS__);                                                                                     \
        putchar('\n');                                                                                           \
    } while (0)

static kiosk_options quick_options(const char *ca_file) {
    kiosk_options o;
    kiosk_options_init(&o);
    o.ca_file = ca_file;
    o.connect_attempts = 3;
    o.backoff_initial_ms = 20;
    o.backoff_max_ms = 100;
    o.connect_timeout_ms = 3000;
    o.call_timeout_ms = 10000;
    o.client_agent = "kiosk-client-check";
    return o;
}

static void check_refusals(const char *host, uint16_t port, const char *kiosk_id, const char *ca_file) {
    kiosk_options o = quick_options(ca_file);
    kiosk_client *c = NULL;
    kiosk_client_new(host, port, kiosk_id, "not-the-credential", &o, &c);
    kiosk_status_t rc = kiosk_client_connect(c);
    CHECK(rc == KIOSK_ERR_CONNECTION_REFUSED && strstr(kiosk_client_error(c), "UNAUTHENTICATED"),
          "a wrong credential is refused: %s", kiosk_client_error(c));
    CHECK(kiosk_client_connection_error_code(c) == KIOSK_CONNECTION_ERROR_UNAUTHENTICATED &&
              *kiosk_client_connection_error_message(c),
          "the refusal's code and message are available: %s: %s",
          kiosk_connection_error_name(kiosk_client_connection_error_code(c)), kiosk_client_connection_error_message(c));
    kiosk_client_free(c);

    c = NULL;
    kiosk_client_new(host, 1, kiosk_id, "x", &o, &c);
    rc = kiosk_client_connect(c);
    CHECK(rc == KIOSK_ERR_CONNECT, "no server on port 1: %s (%s)", kiosk_client_error(c), kiosk_status_name(rc));
    kiosk_client_free(c);

    CHECK(kiosk_client_new(host, port, NULL, "x", &o, &c) == KIOSK_ERR_ARGUMENT && c == NULL, "a missing kiosk id is refused");
    CHECK(kiosk_client_new(host, port, "", "x", &o, &c) == KIOSK_ERR_ARGUMENT && c == NULL, "an empty kiosk id is refused");
    CHECK(kiosk_client_new(host, port, kiosk_id, "", &o, &c) == KIOSK_ERR_ARGUMENT && c == NULL,
          "an empty credential is refused");
}

/* TLS set-ups that must fail before anything is sent, each once (no retry), with a message that says what to change. */
static void check_tls_refusals(const char *host, uint16_t port, const char *kiosk_id, const char *credential,
                               const char *ca_file) {
    kiosk_options o = quick_options("/nonexistent/ca.pem");
    kiosk_client *c = NULL;
    kiosk_client_new(host, port, kiosk_id, credential, &o, &c);
    kiosk_status_t rc = kiosk_client_connect(c);
    CHECK(rc == KIOSK_ERR_TLS && strstr(kiosk_client_error(c), "/nonexistent/ca.pem"), "a missing CA file: %s",
          kiosk_client_error(c));
    kiosk_client_free(c);

    o = quick_options(ca_file);
    o.ca_fingerprint_sha256 = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
    c = NULL;
    kiosk_client_new(host, port, kiosk_id, credential, &o, &c);
    rc = kiosk_client_connect(c);
    CHECK(rc == KIOSK_ERR_TLS && strstr(kiosk_client_error(c), "pin mismatch"), "another CA's pin: %s", kiosk_client_error(c));
    kiosk_client_free(c);

    o = quick_options(NULL);
    c = NULL;
    kiosk_client_new(host, port, kiosk_id, credential, &o, &c);
    rc = kiosk_client_connect(c);
    CHECK(rc != KIOSK_OK && !kiosk_client_is_connected(c), "a plaintext client is not served on the TLS port: %s (%s)",
          kiosk_client_error(c), kiosk_status_name(rc));
    kiosk_client_free(c);
}

/* The sign-in answer is kept and WhoAmI names the same worker. */
static void check_session_info(kiosk_client *c, const char *worker) {
    kiosk_session_info me;
    int kept = kiosk_client_session_info(c, &me) == KIOSK_OK;
    CHECK(kept && !strcmp(me.worker_id, worker) && *me.display_name && *me.jurisdiction && me.role != 0 &&
              me.expires_at_unix > (int64_t)time(NULL),
          "the sign-in answer is kept: %s (%s)", kept ? me.worker_id : "-", kept ? me.display_name : "-");
    Kiosk__Core__V1__WhoAmIRequest who = KIOSK__CORE__V1__WHO_AM_IREQUEST__INIT;
    ProtobufCMessage *answer = NULL;
    kiosk_status_t rc = kiosk_client_call(c, "/kiosk.core.v1.Session/WhoAmI", NULL, &who.base,
                                          &kiosk__core__v1__who_am_iresponse__descriptor, &answer);
    Kiosk__Core__V1__WhoAmIResponse *w = (Kiosk__Core__V1__WhoAmIResponse *)answer;
    CHECK(rc == KIOSK_OK && kept && w->worker && !strcmp(w->worker->worker_id, worker) &&
              !strcmp(w->worker->display_name, me.display_name) && w->expires_at_unix == me.expires_at_unix,
          "WhoAmI names the worker as SignIn did (%s)", rc == KIOSK_OK && w->worker ? w->worker->display_name : "-");
    if (answer) protobuf_c_message_free_unpacked(answer, NULL);
}

/* A flush that cannot connect counts no attempt; the next one sends the entry once. */
static void check_outbox_offline(kiosk_client *c, const char *kiosk_id, const char *outbox_path, const char *ca_file) {
    kiosk_options o = quick_options(ca_file);
    kiosk_client *offline = NULL;
    kiosk_client_new("127.0.0.1", 1, kiosk_id, "x", &o, &offline);
    kiosk_outbox *box = NULL;
    kiosk_status_t rc = kiosk_outbox_open(outbox_path, &box);
    Kiosk__Host__V1__GetServerInfoRequest info = KIOSK__HOST__V1__GET_SERVER_INFO_REQUEST__INIT;
    char key[33] = "";
    if (rc == KIOSK_OK) rc = kiosk_outbox_add(box, "/kiosk.host.v1.Host/GetServerInfo", &info.base, "info", key);
    size_t answered = 0, pending = 0;
    rc = rc == KIOSK_OK ? kiosk_outbox_flush(box, offline, &answered, &pending) : rc;
    kiosk_outbox_entry e;
    int got = kiosk_outbox_get(box, key, &e) == KIOSK_OK;
    CHECK(rc == KIOSK_ERR_CONNECT && pending == 1 && got && e.attempts == 0 && strstr(e.status_message, "cannot connect"),
          "an unreachable server: the entry waits, with no attempt counted (%s)", got ? e.status_message : "-");
    rc = kiosk_outbox_flush(box, c, &answered, &pending);
    got = kiosk_outbox_get(box, key, &e) == KIOSK_OK;
    CHECK(rc == KIOSK_OK && answered == 1 && got && e.state == KIOSK_OUTBOX_ANSWERED && e.attempts == 1,
          "the next flush sends it once (%lld attempts)", got ? (long long)e.attempts : -1LL);
    kiosk_outbox_prune(box);
    kiosk_outbox_close(box);
    kiosk_client_free(offline);
}

static void check_session(kiosk_client *c, const char *kiosk_id, const char *worker, const char *pin) {
    Kiosk__Host__V1__GetServerInfoRequest info = KIOSK__HOST__V1__GET_SERVER_INFO_REQUEST__INIT;
    ProtobufCMessage *answer = NULL;
    kiosk_status_t rc = kiosk_client_call(c, "/kiosk.host.v1.Host/GetServerInfo", NULL, &info.base,
                                          &kiosk__host__v1__get_server_info_response__descriptor, &answer);
    CHECK(rc == KIOSK_OK && !strcmp(((Kiosk__Host__V1__GetServerInfoResponse *)answer)->kiosk_id, kiosk_id),
          "GetServerInfo names the kiosk (%s)", kiosk_client_error(c));
    if (answer) protobuf_c_message_free_unpacked(answer, NULL);
    CHECK(kiosk_client_server_max_frame_bytes(c) > 0, "the welcome announced max_frame_bytes %u",
          kiosk_client_server_max_frame_bytes(c));
    CHECK(kiosk_client_ping(c) == KIOSK_OK, "ping is answered");

    Kiosk__Core__V1__WhoAmIRequest who = KIOSK__CORE__V1__WHO_AM_IREQUEST__INIT;
    answer = NULL;
    rc = kiosk_client_call(c, "/kiosk.core.v1.Session/WhoAmI", NULL, &who.base,
                           &kiosk__core__v1__who_am_iresponse__descriptor, &answer);
    CHECK(rc == KIOSK_ERR_STATUS && kiosk_client_status_code(c) == KIOSK_CODE_UNAUTHENTICATED,
          "WhoAmI without a session: %s", kiosk_client_error(c));

    rc = kiosk_client_sign_in(c, worker, "0000000");
    CHECK(rc == KIOSK_ERR_STATUS && kiosk_client_status_code(c) == KIOSK_CODE_UNAUTHENTICATED,
          "a wrong PIN is refused: %s", kiosk_client_error(c));
    rc = kiosk_client_sign_in(c, worker, pin);
    CHECK(rc == KIOSK_OK && kiosk_client_session_token(c), "the worker signs in (%s)", kiosk_client_error(c));

    rc = kiosk_client_call(c, "/kiosk.core.v1.Session/WhoAmI", NULL, &who.base,
                           &kiosk__core__v1__who_am_iresponse__descriptor, &answer);
    Kiosk__Core__V1__WhoAmIResponse *me = (Kiosk__Core__V1__WhoAmIResponse *)answer;
    CHECK(rc == KIOSK_OK && me->worker && !strcmp(me->worker->worker_id, worker), "WhoAmI names the worker");
    if (answer) protobuf_c_message_free_unpacked(answer, NULL);
    check_session_info(c, worker);

    rc = kiosk_client_call(c, "/kiosk.nothing.v1.Nothing/Nothing", NULL, &who.base,
                           &kiosk__core__v1__who_am_iresponse__descriptor, &answer);
    CHECK(rc == KIOSK_ERR_STATUS && kiosk_client_status_code(c) == KIOSK_CODE_UNIMPLEMENTED,
          "an unknown method is UNIMPLEMENTED: %s", kiosk_client_status_message(c));
}

static int64_t say(kiosk_client *c, const char *key, const char *text) {
    Kiosk__Testing__Echo__V1__SayRequest r = KIOSK__TESTING__ECHO__V1__SAY_REQUEST__INIT;
    r.text = (char *)text;
    ProtobufCMessage *answer = NULL;
    if (kiosk_client_call(c, "/kiosk.testing.echo.v1.Echo/Say", key, &r.base,
                          &kiosk__testing__echo__v1__say_response__descriptor, &answer) != KIOSK_OK)
        return -1;
    int64_t id = ((Kiosk__Testing__Echo__V1__SayResponse *)answer)->note_id;
    protobuf_c_message_free_unpacked(answer, NULL);
    return id;
}

static void check_echo(kiosk_client *c, const char *outbox_path) {
    char key[33];
    kiosk_new_idempotency_key(key);
    int64_t first = say(c, key, "same key");
    int64_t again = say(c, key, "same key");
    CHECK(first > 0 && first == again, "a resend with the same key returns the same note (%lld, %lld)",
          (long long)first, (long long)again);

    kiosk_outbox *o = NULL;
    kiosk_status_t rc = kiosk_outbox_open(outbox_path, &o);
    CHECK(rc == KIOSK_OK, "the outbox opens (%s)", kiosk_outbox_error(o));
    Kiosk__Testing__Echo__V1__SayRequest r = KIOSK__TESTING__ECHO__V1__SAY_REQUEST__INIT;
    r.text = "via the outbox";
    char k1[33], k2[33];
    kiosk_outbox_add(o, "/kiosk.testing.echo.v1.Echo/Say", &r.base, "say", k1);
    kiosk_outbox_add(o, "/kiosk.testing.echo.v1.Echo/Say", &r.base, "say", k2);
    CHECK(kiosk_outbox_pending_count(o) == 2, "two entries wait in the outbox");
    size_t answered = 0, pending = 0;
    rc = kiosk_outbox_flush(o, c, &answered, &pending);
    CHECK(rc == KIOSK_OK && answered == 2 && pending == 0, "flush answers both (%zu, %zu, %s)", answered, pending,
          kiosk_outbox_error(o));
    ProtobufCMessage *a1 = NULL, *a2 = NULL;
    kiosk_outbox_response(o, k1, &kiosk__testing__echo__v1__say_response__descriptor, &a1);
    kiosk_outbox_response(o, k2, &kiosk__testing__echo__v1__say_response__descriptor, &a2);
    CHECK(a1 && a2 && ((Kiosk__Testing__Echo__V1__SayResponse *)a1)->note_id !=
                          ((Kiosk__Testing__Echo__V1__SayResponse *)a2)->note_id,
          "each entry got its own note");
    if (a1) protobuf_c_message_free_unpacked(a1, NULL);
    if (a2) protobuf_c_message_free_unpacked(a2, NULL);
    rc = kiosk_outbox_flush(o, c, &answered, &pending);
    CHECK(rc == KIOSK_OK && answered == 0, "a second flush sends nothing");
    kiosk_outbox_close(o);

    Kiosk__Testing__Echo__V1__ListNotesRequest list = KIOSK__TESTING__ECHO__V1__LIST_NOTES_REQUEST__INIT;
    kiosk_stream *s = NULL;
    rc = kiosk_stream_open(c, "/kiosk.testing.echo.v1.Echo/ListNotes", &list.base, &s);
    int notes = 0;
    ProtobufCMessage *note = NULL;
    while ((rc = kiosk_stream_next(s, &kiosk__testing__echo__v1__note__descriptor, 5000, &note)) == KIOSK_OK) {
        notes++;
        protobuf_c_message_free_unpacked(note, NULL);
    }
    kiosk_stream_free(s);
    CHECK(rc == KIOSK_END && notes >= 3, "ListNotes streams %d notes and ends OK", notes);

    /* A stream abandoned half-way: the next call on the client still works. */
    rc = kiosk_stream_open(c, "/kiosk.testing.echo.v1.Echo/ListNotes", &list.base, &s);
    rc = kiosk_stream_next(s, &kiosk__testing__echo__v1__note__descriptor, 5000, &note);
    if (note) protobuf_c_message_free_unpacked(note, NULL);
    kiosk_stream_free(s);
    CHECK(kiosk_client_ping(c) == KIOSK_OK, "after cancelling a stream the connection still works");
}

int main(int argc, char **argv) {
    static const char usage[] = "usage: kiosk-client-check HOST PORT KIOSK_ID CREDENTIAL WORKER PIN OUTBOX_FILE [--ca FILE] [--echo]\n";
    if (argc < 8) return fputs(usage, stderr), 64;
    const char *host = argv[1], *kiosk_id = argv[3], *credential = argv[4], *worker = argv[5], *pin = argv[6];
    uint16_t port = (uint16_t)atoi(argv[2]);
    const char *ca_file = NULL;
    int echo = 0;
    for (int i = 8; i < argc; i++) {
        if (!strcmp(argv[i], "--echo")) echo = 1;
        else if (!strcmp(argv[i], "--ca") && i + 1 < argc) ca_file = argv[++i];
        else return fputs(usage, stderr), 64;
    }

    check_refusals(host, port, kiosk_id, ca_file);
    if (ca_file) check_tls_refusals(host, port, kiosk_id, credential, ca_file);
    kiosk_options o = quick_options(ca_file);
    kiosk_client *c = NULL;
    CHECK(kiosk_client_new(host, port, kiosk_id, credential, &o, &c) == KIOSK_OK, "a client is created");
    check_session(c, kiosk_id, worker, pin);
    CHECK(kiosk_client_uses_tls(c) == (ca_file != NULL), "the client %s TLS", ca_file ? "uses" : "does not use");
    check_outbox_offline(c, kiosk_id, argv[7], ca_file);
    if (echo) check_echo(c, argv[7]);
    kiosk_status_t rc = kiosk_client_sign_out(c);
    kiosk_session_info gone;
    CHECK(rc == KIOSK_OK && kiosk_client_session_token(c) == NULL && kiosk_client_session_info(c, &gone) == KIOSK_ERR_ARGUMENT,
          "the worker signs out; the session and its answer are forgotten");
    kiosk_client_close(c);
    CHECK(!kiosk_client_is_connected(c), "closed");
    kiosk_client_free(c);
    printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED", failures);
    return failures ? 1 : 0;
}
