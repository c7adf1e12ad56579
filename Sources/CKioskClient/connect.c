/* Connecting: the connection (through the byte layer), the hello/welcome handshake, retries with
 * backoff, sending and receiving frames on it, and noticing a connection the server closed while it
 * was idle. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

/* Keeps the server's connection_error for kiosk_client_connection_error_code/_message. */
void kc_keep_connection_error(kiosk_client *c, const Kiosk__Wire__V1__ConnectionError *e) {
    /* A server that sends code 0 still refused us: report it as a protocol fault, never as "none". */
    c->connection_error_code = e->code > 0 ? (uint32_t)e->code : KIOSK_CONNECTION_ERROR_PROTOCOL_VIOLATION;
    snprintf(c->connection_error_message, sizeof c->connection_error_message, "%s", e->message ? e->message : "");
}

kiosk_status_t kc_send(kiosk_client *c, const Kiosk__Wire__V1__Frame *frame, int64_t deadline_ms) {
    if (!kc_is_open(c)) return kc_fail(c, KIOSK_ERR_IO, "not connected");
    char message[sizeof c->error];
    kiosk_status_t rc = kw_send(c->transport, c->max_frame_bytes, frame, deadline_ms, message, sizeof message);
    if (rc == KIOSK_OK) return KIOSK_OK;
    /* A frame too large for the limit never left: the connection is intact. */
    if (rc != KIOSK_ERR_ARGUMENT) kc_drop(c);
    return kc_fail(c, rc, "%s", message);
}

kiosk_status_t kc_receive(kiosk_client *c, int64_t deadline_ms, Kiosk__Wire__V1__Frame **out) {
    *out = NULL;
    if (!kc_is_open(c)) return kc_fail(c, KIOSK_ERR_IO, "not connected");
    char message[sizeof c->error];
    size_t got = 0;
    kiosk_status_t rc = kw_receive(c->transport, c->max_frame_bytes, c->options.write_timeout_ms, deadline_ms, out, &got,
                                   message, sizeof message);
    if (rc == KIOSK_OK) return KIOSK_OK;
    if (!(rc == KIOSK_ERR_TIMEOUT && got == 0)) kc_drop(c); /* nothing arrived: the connection is intact */
    return kc_fail(c, rc, "%s", message);
}

/* Makes the byte layer at the first connect: reads the CA file, so its problems are this command's error. */
static kiosk_status_t make_transport(kiosk_client *c) {
    if (c->transport) return KIOSK_OK;
    kt_settings settings = {.ca_file = c->ca_file,
                            .ca_fingerprint_sha256 = c->ca_fingerprint_sha256,
                            .insecure_plaintext = c->options.insecure_plaintext};
    char message[sizeof c->error];
    kt_status rc = kt_new(&settings, &c->transport, message, sizeof message);
    return rc == KT_OK ? KIOSK_OK : kc_fail(c, kc_status_of(rc), "%s%s", rc == KT_TLS ? "TLS: " : "", message);
}

/* Opens the connection (TCP, and TLS with its checks) before the deadline. */
static kiosk_status_t open_connection(kiosk_client *c, int64_t deadline_ms) {
    kt_status rc = kt_connect(c->transport, c->host, c->port, deadline_ms);
    if (rc == KT_OK) return KIOSK_OK;
    return kc_fail(c, kc_status_of(rc), "%s%s", rc == KT_TLS ? "TLS: " : "", kt_error(c->transport));
}

/* Sends hello and waits for welcome (or the server's refusal). */
static kiosk_status_t handshake(kiosk_client *c, int64_t deadline_ms) {
    uint32_t versions[] = {1};
    Kiosk__Wire__V1__Hello hello = KIOSK__WIRE__V1__HELLO__INIT;
    hello.n_protocol_versions = 1;
    hello.protocol_versions = versions;
    hello.kiosk_id = c->kiosk_id;
    hello.credential = c->credential;
    hello.client_agent = c->client_agent;
    Kiosk__Wire__V1__Frame frame = KIOSK__WIRE__V1__FRAME__INIT;
    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_HELLO;
    frame.hello = &hello;
    kiosk_status_t rc = kc_send(c, &frame, deadline_ms);
    if (rc != KIOSK_OK) return rc;
    Kiosk__Wire__V1__Frame *answer = NULL;
    rc = kc_receive(c, deadline_ms, &answer);
    if (rc == KIOSK_ERR_TIMEOUT) {
        kc_drop(c);
        return kc_fail(c, rc, "no welcome from the server in time");
    }
    if (rc != KIOSK_OK) return rc;
    if (answer->kind_case == KIOSK__WIRE__V1__FRAME__KIND_WELCOME) {
        Kiosk__Wire__V1__Welcome *w = answer->welcome;
        c->server_max_frame_bytes = w->max_frame_bytes;
        c->max_frame_bytes = c->options.max_frame_bytes;
        if (w->max_frame_bytes > 0 && w->max_frame_bytes < c->max_frame_bytes) c->max_frame_bytes = w->max_frame_bytes;
        free(c->server_agent);
        c->server_agent = kc_strdup(w->server_agent);
        c->next_call_id = 1;
        c->error[0] = '\0';
        rc = KIOSK_OK;
    } else if (answer->kind_case == KIOSK__WIRE__V1__FRAME__KIND_CONNECTION_ERROR) {
        kc_keep_connection_error(c, answer->connection_error);
        rc = kc_fail(c, KIOSK_ERR_CONNECTION_REFUSED, "the server refused the kiosk: %s: %s",
                     kiosk_connection_error_name(c->connection_error_code), c->connection_error_message);
        kc_drop(c);
    } else {
        rc = kc_fail(c, KIOSK_ERR_PROTOCOL, "the server answered hello with frame kind %d", answer->kind_case);
        kc_drop(c);
    }
    kiosk__wire__v1__frame__free_unpacked(answer, NULL);
    return rc;
}

/* Whether another connection attempt may be welcomed: only when the server was busy or slow. */
static int refusal_is_final(const kiosk_client *c) {
    return c->connection_error_code != KIOSK_CONNECTION_ERROR_OVERLOADED &&
           c->connection_error_code != KIOSK_CONNECTION_ERROR_TIMEOUT;
}

kiosk_status_t kiosk_client_connect(kiosk_client *c) {
    if (!c) return KIOSK_ERR_ARGUMENT;
    kc_drop(c);
    kiosk_status_t rc = make_transport(c);
    if (rc != KIOSK_OK) return rc;
    uint32_t backoff = c->options.backoff_initial_ms;
    rc = KIOSK_ERR_CONNECT;
    for (uint32_t attempt = 0; attempt < c->options.connect_attempts; attempt++) {
        if (attempt > 0) {
            kc_sleep_ms(backoff);
            backoff = backoff > c->options.backoff_max_ms / 2 ? c->options.backoff_max_ms : backoff * 2;
        }
        int64_t deadline = kt_now_ms() + c->options.connect_timeout_ms;
        kc_clear_connection_error(c);
        rc = open_connection(c, deadline);
        if (rc == KIOSK_OK) rc = handshake(c, deadline);
        if (rc == KIOSK_OK) return KIOSK_OK;
        if (rc == KIOSK_ERR_CONNECTION_REFUSED && refusal_is_final(c)) return rc;
        /* Out of memory, or a server that is not trusted: another attempt cannot succeed. */
        if (rc == KIOSK_ERR_NO_MEMORY || rc == KIOSK_ERR_TLS || rc == KIOSK_ERR_ARGUMENT) return rc;
    }
    return rc;
}

/* Answers a ping from the server. */
kiosk_status_t kc_send_pong(kiosk_client *c, uint64_t payload) {
    Kiosk__Wire__V1__Pong pong = KIOSK__WIRE__V1__PONG__INIT;
    pong.payload = payload;
    Kiosk__Wire__V1__Frame frame = KIOSK__WIRE__V1__FRAME__INIT;
    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_PONG;
    frame.pong = &pong;
    return kc_send(c, &frame, kt_now_ms() + c->options.write_timeout_ms);
}

/*
 * Reads, without waiting, what arrived on a connection while no call was open: a server that closed
 * it (idle TIMEOUT, a restart) or is going away is noticed before a call is sent into a dead
 * connection. Pings are answered; late frames of abandoned calls are skipped.
 */
static void take_idle_frames(kiosk_client *c) {
    while (kc_is_open(c) && !c->going_away && kt_has_input(c->transport)) {
        Kiosk__Wire__V1__Frame *f = NULL;
        /* Bytes or the end are there: this read hardly waits (TLS records that carry no frame, such as
         * session tickets, end it by the short deadline). */
        if (kc_receive(c, kt_now_ms() + 100, &f) != KIOSK_OK) return; /* closed: the caller reconnects */
        if (f->kind_case == KIOSK__WIRE__V1__FRAME__KIND_PING) kc_send_pong(c, f->ping->payload);
        else if (f->kind_case == KIOSK__WIRE__V1__FRAME__KIND_GO_AWAY) c->going_away = 1;
        else if (f->kind_case == KIOSK__WIRE__V1__FRAME__KIND_CONNECTION_ERROR) kc_drop(c);
        kiosk__wire__v1__frame__free_unpacked(f, NULL);
    }
}

kiosk_status_t kc_ensure_connected(kiosk_client *c) {
    if (kc_is_open(c) && !c->going_away) take_idle_frames(c);
    if (kc_is_open(c) && !c->going_away) return KIOSK_OK;
    return kiosk_client_connect(c);
}
