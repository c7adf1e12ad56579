/* The public face of the byte layer: plain TCP or TLS behind one set of calls. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int64_t kt_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

kt_status kt_fail(kt_transport *t, kt_status status, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(t->error, sizeof t->error, format, args);
    va_end(args);
    return status;
}

static kt_status succeed(kt_transport *t) {
    t->error[0] = '\0';
    return KT_OK;
}

int kt_wait(int fd, short events, int64_t deadline_ms) {
    for (;;) {
        int64_t left = deadline_ms - kt_now_ms();
        if (left <= 0) return 0;
        struct pollfd p = {.fd = fd, .events = events};
        int n = poll(&p, 1, left > 60000 ? 60000 : (int)left);
        if (n > 0) return 1;
        if (n < 0 && errno != EINTR) return -1;
    }
}

kt_status kt_new(const kt_settings *settings, kt_transport **out, char *error, size_t error_size) {
    if (error && error_size) error[0] = '\0';
    if (!out) return KT_ARGUMENT;
    *out = NULL;
    kt_transport *t = calloc(1, sizeof *t);
    if (!t) return KT_NO_MEMORY;
    t->fd = -1;
    kt_status rc = KT_OK;
    if (settings) {
        t->insecure_plaintext = settings->insecure_plaintext;
        if (settings->ca_file && *settings->ca_file) rc = kt_tls_setup(t, settings);
        else if (settings->ca_fingerprint_sha256 && *settings->ca_fingerprint_sha256)
            rc = kt_fail(t, KT_ARGUMENT, "ca_fingerprint_sha256 is set but ca_file is not: the pin checks a TLS connection");
    }
    if (rc != KT_OK) {
        if (error && error_size) snprintf(error, error_size, "%s", t->error);
        kt_free(t);
        return rc;
    }
    *out = t;
    return KT_OK;
}

void kt_close(kt_transport *t) {
    if (!t) return;
    if (t->ssl) {
        /* A quiet close: a close_notify if it fits in the socket now, no waiting for the answer. */
        if (SSL_is_init_finished(t->ssl)) SSL_shutdown(t->ssl);
        SSL_free(t->ssl);
        t->ssl = NULL;
    }
    if (t->fd >= 0) close(t->fd);
    t->fd = -1;
}

void kt_free(kt_transport *t) {
    if (!t) return;
    kt_close(t);
    kt_tls_free(t);
    free(t->ca_file);
    free(t);
}

kt_status kt_connect(kt_transport *t, const char *host, uint16_t port, int64_t deadline_ms) {
    if (!t || !host || !*host || port == 0) return t ? kt_fail(t, KT_ARGUMENT, "no host or port") : KT_ARGUMENT;
    kt_close(t);
    kt_status rc = kt_open_socket(t, host, port, deadline_ms);
    if (rc == KT_OK && t->ctx) rc = kt_tls_handshake(t, host, deadline_ms);
    if (rc != KT_OK) {
        kt_close(t);
        return rc;
    }
    return succeed(t);
}

kt_status kt_send_all(kt_transport *t, const uint8_t *bytes, size_t len, int64_t deadline_ms) {
    if (!t || (!bytes && len)) return t ? kt_fail(t, KT_ARGUMENT, "no bytes") : KT_ARGUMENT;
    if (t->fd < 0) return kt_fail(t, KT_IO, "not connected");
    if (t->ssl) return kt_tls_send(t, bytes, len, deadline_ms);
    size_t done = 0;
    while (done < len) {
        int ready = kt_wait(t->fd, POLLOUT, deadline_ms);
        if (ready == 0) return kt_fail(t, KT_TIMEOUT, "timed out writing to the server");
        if (ready < 0) return kt_fail(t, KT_IO, "poll failed: %s", strerror(errno));
        ssize_t n = send(t->fd, bytes + done, len - done, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
            return kt_fail(t, KT_IO, "connection lost while writing: %s", strerror(errno));
        }
        done += (size_t)n;
    }
    return succeed(t);
}

kt_status kt_receive_exact(kt_transport *t, uint8_t *bytes, size_t len, int64_t deadline_ms, size_t *got) {
    if (!t || !got || (!bytes && len)) return t ? kt_fail(t, KT_ARGUMENT, "no buffer") : KT_ARGUMENT;
    if (t->fd < 0) return kt_fail(t, KT_IO, "not connected");
    if (t->ssl) return kt_tls_receive(t, bytes, len, deadline_ms, got);
    while (*got < len) {
        int ready = kt_wait(t->fd, POLLIN, deadline_ms);
        if (ready == 0) return kt_fail(t, KT_TIMEOUT, "timed out waiting for the server");
        if (ready < 0) return kt_fail(t, KT_IO, "poll failed: %s", strerror(errno));
        ssize_t n = recv(t->fd, bytes + *got, len - *got, 0);
        if (n == 0) return kt_fail(t, KT_CLOSED, "the server closed the connection");
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
            if (errno == ECONNRESET) return kt_fail(t, KT_CLOSED, "the server reset the connection");
            return kt_fail(t, KT_IO, "connection lost while reading: %s", strerror(errno));
        }
        *got += (size_t)n;
    }
    return succeed(t);
}

int kt_has_input(kt_transport *t) {
    if (!t || t->fd < 0) return 0;
    if (t->ssl && SSL_pending(t->ssl) > 0) return 1;
    struct pollfd p = {.fd = t->fd, .events = POLLIN};
    return poll(&p, 1, 0) > 0;
}

kt_status kt_shutdown_output(kt_transport *t) {
    if (!t || t->fd < 0) return t ? kt_fail(t, KT_IO, "not connected") : KT_ARGUMENT;
    if (t->ssl) SSL_shutdown(t->ssl);
    if (shutdown(t->fd, SHUT_WR) != 0) return kt_fail(t, KT_IO, "shutdown failed: %s", strerror(errno));
    return succeed(t);
}

int kt_is_open(const kt_transport *t) { return t && t->fd >= 0; }
int kt_uses_tls(const kt_transport *t) { return t && t->ctx; }
const char *kt_error(const kt_transport *t) { return t ? t->error : "no transport"; }
