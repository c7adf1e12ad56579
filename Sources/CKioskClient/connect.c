/* Connecting: the TCP connection, the handshake, retries with backoff, and noticing a connection
 * the server closed while it was idle. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Keeps the server's connection_error for kiosk_client_connection_error_code/_message. */
void kc_keep_connection_error(kiosk_client *c, const Kiosk__Wire__V1__ConnectionError *e) {
    /* A server that sends code 0 still refused us: report it as a protocol fault, never as "none". */
    c->connection_error_code = e->code > 0 ? (uint32_t)e->code : KIOSK_CONNECTION_ERROR_PROTOCOL_VIOLATION;
    snprintf(c->connection_error_message, sizeof c->connection_error_message, "%s", e->message ? e->message : "");
}

/* Opens a TCP connection to one of the host's addresses before the deadline. */
static kiosk_status_t open_socket(kiosk_client *c, int64_t deadline_ms) {
    char port[8];
    snprintf(port, sizeof port, "%u", (unsigned)c->port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *list = NULL;
    int gai = getaddrinfo(c->host, port, &hints, &list);
    if (gai != 0) return kc_fail(c, KIOSK_ERR_CONNECT, "cannot resolve %s: %s", c->host, gai_strerror(gai));
    kiosk_status_t rc = kc_fail(c, KIOSK_ERR_CONNECT, "no address for %s", c->host);
    for (struct addrinfo *a = list; a; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (fd < 0) continue;
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int err = 0;
        if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            err = errno;
            if (err == EINPROGRESS) {
                int64_t left = deadline_ms - kc_now_ms();
                struct pollfd p = {.fd = fd, .events = POLLOUT};
                int n = left > 0 ? poll(&p, 1, (int)left) : 0;
                socklen_t len = sizeof err;
                if (n <= 0) err = ETIMEDOUT;
                else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
            }
        }
        if (err == 0) {
            c->fd = fd;
            rc = KIOSK_OK;
            break;
        }
        close(fd);
        rc = kc_fail(c, err == ETIMEDOUT ? KIOSK_ERR_TIMEOUT : KIOSK_ERR_CONNECT, "cannot connect to %s:%u: %s",
                     c->host, (unsigned)c->port, strerror(err));
    }
    freeaddrinfo(list);
    return rc;
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
    kiosk_status_t rc = kw_send(c, &frame, deadline_ms);
    if (rc != KIOSK_OK) return rc;
    Kiosk__Wire__V1__Frame *answer = NULL;
    rc = kw_receive(c, deadline_ms, &answer);
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
    uint32_t backoff = c->options.backoff_initial_ms;
    kiosk_status_t rc = KIOSK_ERR_CONNECT;
    for (uint32_t attempt = 0; attempt < c->options.connect_attempts; attempt++) {
        if (attempt > 0) {
            kc_sleep_ms(backoff);
            backoff = backoff > c->options.backoff_max_ms / 2 ? c->options.backoff_max_ms : backoff * 2;
        }
        int64_t deadline = kc_now_ms() + c->options.connect_timeout_ms;
        kc_clear_connection_error(c);
        rc = open_socket(c, deadline);
        if (rc == KIOSK_OK) rc = handshake(c, deadline);
        if (rc == KIOSK_OK) return KIOSK_OK;
        if (rc == KIOSK_ERR_CONNECTION_REFUSED && refusal_is_final(c)) return rc;
        if (rc == KIOSK_ERR_NO_MEMORY) return rc;
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
    return kw_send(c, &frame, kc_now_ms() + c->options.write_timeout_ms);
}

/*
 * Reads, without waiting, what arrived on a connection while no call was open: a server that closed
 * it (idle TIMEOUT, a restart) or is going away is noticed before a call is sent into a dead
 * connection. Pings are answered; late frames of abandoned calls are skipped.
 */
static void take_idle_frames(kiosk_client *c) {
    struct pollfd p = {.fd = c->fd, .events = POLLIN};
    while (c->fd >= 0 && !c->going_away && poll(&p, 1, 0) > 0) {
        Kiosk__Wire__V1__Frame *f = NULL;
        /* poll saw bytes or the end: this read does not wait (the short deadline is only for poll) */
        if (kw_receive(c, kc_now_ms() + 100, &f) != KIOSK_OK) return; /* closed: the caller reconnects */
        if (f->kind_case == KIOSK__WIRE__V1__FRAME__KIND_PING) kc_send_pong(c, f->ping->payload);
        else if (f->kind_case == KIOSK__WIRE__V1__FRAME__KIND_GO_AWAY) c->going_away = 1;
        else if (f->kind_case == KIOSK__WIRE__V1__FRAME__KIND_CONNECTION_ERROR) kc_drop(c);
        kiosk__wire__v1__frame__free_unpacked(f, NULL);
    }
}

kiosk_status_t kc_ensure_connected(kiosk_client *c) {
    if (c->fd >= 0 && !c->going_away) take_idle_frames(c);
    if (c->fd >= 0 && !c->going_away) return KIOSK_OK;
    return kiosk_client_connect(c);
}
