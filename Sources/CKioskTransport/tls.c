/* TLS with OpenSSL: the client context, the handshake and what it checks, and reading and writing. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* A socket BIO that sends with MSG_NOSIGNAL: a library must not kill its program with SIGPIPE when
 * the server has gone, and must not change the program's signal handling either. */
static int bio_write(BIO *bio, const char *data, int len) {
    BIO_clear_retry_flags(bio);
    ssize_t n = send((int)(intptr_t)BIO_get_data(bio), data, (size_t)len, MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) BIO_set_retry_write(bio);
    return n < 0 ? -1 : (int)n;
}

static int bio_read(BIO *bio, char *data, int len) {
    BIO_clear_retry_flags(bio);
    ssize_t n = recv((int)(intptr_t)BIO_get_data(bio), data, (size_t)len, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) BIO_set_retry_read(bio);
    return n < 0 ? -1 : (int)n;
}

static long bio_ctrl(BIO *bio, int command, long number, void *pointer) {
    (void)bio, (void)number, (void)pointer;
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

static int bio_create(BIO *bio) {
    BIO_set_init(bio, 1);
    return 1;
}

/* Parses 64 hex digits (colons and spaces between them allowed) into 32 bytes. */
static int parse_fingerprint(const char *text, unsigned char out[32]) {
    size_t digits = 0;
    for (const char *p = text; *p; p++) {
        if (*p == ':' || *p == ' ') continue;
        int v = (*p >= '0' && *p <= '9') ? *p - '0' : (*p >= 'a' && *p <= 'f') ? *p - 'a' + 10
              : (*p >= 'A' && *p <= 'F') ? *p - 'A' + 10 : -1;
        if (v < 0 || digits >= 64) return 0;
        out[digits / 2] = (unsigned char)(digits % 2 ? (out[digits / 2] | v) : v << 4);
        digits++;
    }
    return digits == 64;
}

kt_status kt_tls_setup(kt_transport *t, const kt_settings *s) {
    if (s->ca_fingerprint_sha256 && *s->ca_fingerprint_sha256) {
        if (!parse_fingerprint(s->ca_fingerprint_sha256, t->pin))
            return kt_fail(t, KT_ARGUMENT, "ca_fingerprint_sha256 is not 64 hex digits (as `kioskctl tls show ca.pem` prints)");
        t->has_pin = 1;
    }
    t->ca_file = strdup(s->ca_file);
    t->ctx = SSL_CTX_new(TLS_client_method());
    t->bio_method = BIO_meth_new(BIO_TYPE_SOURCE_SINK | 0x6b, "kiosk socket");
    if (!t->ca_file || !t->ctx || !t->bio_method) return kt_fail(t, KT_NO_MEMORY, "out of memory");
    BIO_meth_set_write(t->bio_method, bio_write);
    BIO_meth_set_read(t->bio_method, bio_read);
    BIO_meth_set_ctrl(t->bio_method, bio_ctrl);
    BIO_meth_set_create(t->bio_method, bio_create);
    ERR_clear_error();
    if (SSL_CTX_load_verify_locations(t->ctx, t->ca_file, NULL) != 1) {
        unsigned long e = ERR_peek_last_error();
        return kt_fail(t, KT_TLS, "cannot read the CA certificate file %s: %s", t->ca_file,
                       ERR_GET_LIB(e) == ERR_LIB_SYS ? strerror(ERR_GET_REASON(e)) : "it holds no PEM certificate");
    }
    unsigned char alpn[sizeof KT_ALPN] = {sizeof KT_ALPN - 1}; /* length-prefixed, as ALPN lists are */
    memcpy(alpn + 1, KT_ALPN, sizeof KT_ALPN - 1);
    SSL_CTX_set_verify(t->ctx, SSL_VERIFY_PEER, NULL);
    if (SSL_CTX_set_min_proto_version(t->ctx, TLS1_2_VERSION) != 1 || SSL_CTX_set_alpn_protos(t->ctx, alpn, sizeof alpn) != 0)
        return kt_fail(t, KT_TLS, "this OpenSSL cannot be set to TLS 1.2 or later with ALPN");
    SSL_CTX_set_mode(t->ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    return KT_OK;
}

void kt_tls_free(kt_transport *t) {
    SSL_CTX_free(t->ctx);
    t->ctx = NULL;
    BIO_meth_free(t->bio_method);
    t->bio_method = NULL;
}

/* Waits for what OpenSSL asked for; KT_OK to try again. */
static kt_status wait_for(kt_transport *t, int ssl_error, int64_t deadline_ms, const char *doing) {
    int ready = kt_wait(t->fd, ssl_error == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN, deadline_ms);
    if (ready == 0) return kt_fail(t, KT_TIMEOUT, "timed out %s", doing);
    if (ready < 0) return kt_fail(t, KT_IO, "poll failed: %s", strerror(errno));
    return KT_OK;
}

/* A handshake that OpenSSL ended: a certificate it did not accept, a server that does not speak TLS,
 * or a connection that closed. */
static kt_status handshake_failed(kt_transport *t, const char *host, int ssl_error) {
    unsigned long e = ERR_peek_last_error();
    if (SSL_get_verify_result(t->ssl) != X509_V_OK) return kt_explain_verify_failure(t, host);
    if (ssl_error == SSL_ERROR_SYSCALL || (ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_UNEXPECTED_EOF_WHILE_READING))
        return kt_fail(t, KT_IO, "the server closed the connection during the TLS handshake%s%s",
                       errno ? ": " : "", errno ? strerror(errno) : "");
    int reason = ERR_GET_REASON(e);
    if (reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_PACKET_LENGTH_TOO_LONG ||
        reason == SSL_R_RECORD_LENGTH_MISMATCH || reason == SSL_R_UNKNOWN_PROTOCOL)
        return kt_fail(t, KT_TLS,
                       "%s did not answer in TLS: it is a kioskd without a certificate, or another service; "
                       "ask the operator for the TLS port (kioskd --tls-certificate)", host);
    char text[256];
    ERR_error_string_n(e, text, sizeof text);
    return kt_fail(t, KT_TLS, "the TLS handshake with %s failed: %s", host, e ? text : "no reason given");
}

/* The server must have chosen the kiosk wire by ALPN, so a TLS service of another kind is never sent a hello. */
static kt_status check_alpn(kt_transport *t, const char *host) {
    const unsigned char *chosen = NULL;
    unsigned int length = 0;
    SSL_get0_alpn_selected(t->ssl, &chosen, &length);
    if (length == sizeof KT_ALPN - 1 && memcmp(chosen, KT_ALPN, length) == 0) return KT_OK;
    return kt_fail(t, KT_TLS, "%s did not agree to the kiosk protocol (ALPN \"%s\"): it is not a kioskd, or one too old for TLS",
                   host, KT_ALPN);
}

kt_status kt_tls_handshake(kt_transport *t, const char *host, int64_t deadline_ms) {
    BIO *bio = BIO_new(t->bio_method);
    t->ssl = bio ? SSL_new(t->ctx) : NULL;
    if (!t->ssl) {
        BIO_free(bio);
        return kt_fail(t, KT_NO_MEMORY, "out of memory");
    }
    BIO_set_data(bio, (void *)(intptr_t)t->fd);
    SSL_set_bio(t->ssl, bio, bio);
    unsigned char address[16];
    int numeric = inet_pton(AF_INET, host, address) == 1 || inet_pton(AF_INET6, host, address) == 1;
    /* The certificate must name what was dialled: the IP address, or the host name (also sent as SNI). */
    int named = numeric ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(t->ssl), host)
                        : SSL_set_tlsext_host_name(t->ssl, host) == 1 && SSL_set1_host(t->ssl, host) == 1;
    if (!named) return kt_fail(t, KT_ARGUMENT, "'%s' cannot be checked against a certificate", host);
    for (;;) {
        ERR_clear_error();
        errno = 0;
        int r = SSL_connect(t->ssl);
        if (r == 1) break;
        int e = SSL_get_error(t->ssl, r);
        if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) return handshake_failed(t, host, e);
        kt_status rc = wait_for(t, e, deadline_ms, "during the TLS handshake");
        if (rc != KT_OK) return rc;
    }
    kt_status rc = check_alpn(t, host);
    if (rc == KT_OK && t->has_pin) rc = kt_check_pin(t);
    return rc;
}

/* A read or write that OpenSSL ended. */
static kt_status io_failed(kt_transport *t, int ssl_error, const char *doing) {
    unsigned long e = ERR_peek_last_error();
    if (ssl_error == SSL_ERROR_ZERO_RETURN) return kt_fail(t, KT_CLOSED, "the server closed the connection");
    if ((ssl_error == SSL_ERROR_SYSCALL && errno == 0) ||
        (ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_UNEXPECTED_EOF_WHILE_READING))
        return kt_fail(t, KT_CLOSED, "the server closed the connection");
    if (ssl_error == SSL_ERROR_SYSCALL && errno == ECONNRESET) return kt_fail(t, KT_CLOSED, "the server reset the connection");
    if (ssl_error == SSL_ERROR_SYSCALL) return kt_fail(t, KT_IO, "connection lost while %s: %s", doing, strerror(errno));
    char text[256];
    ERR_error_string_n(e, text, sizeof text);
    return kt_fail(t, KT_IO, "TLS failed while %s: %s", doing, text);
}

kt_status kt_tls_send(kt_transport *t, const uint8_t *bytes, size_t len, int64_t deadline_ms) {
    size_t done = 0;
    while (done < len) {
        size_t n = 0;
        ERR_clear_error();
        errno = 0;
        int r = SSL_write_ex(t->ssl, bytes + done, len - done, &n);
        if (r == 1) {
            done += n;
            continue;
        }
        int e = SSL_get_error(t->ssl, r);
        if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) return io_failed(t, e, "writing");
        kt_status rc = wait_for(t, e, deadline_ms, "writing to the server");
        if (rc != KT_OK) return rc;
    }
    t->error[0] = '\0';
    return KT_OK;
}

kt_status kt_tls_receive(kt_transport *t, uint8_t *bytes, size_t len, int64_t deadline_ms, size_t *got) {
    while (*got < len) {
        size_t n = 0;
        ERR_clear_error();
        errno = 0;
        int r = SSL_read_ex(t->ssl, bytes + *got, len - *got, &n);
        if (r == 1) {
            *got += n;
            continue;
        }
        int e = SSL_get_error(t->ssl, r);
        if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) return io_failed(t, e, "reading");
        kt_status rc = wait_for(t, e, deadline_ms, "waiting for the server");
        if (rc != KT_OK) return rc;
    }
    t->error[0] = '\0';
    return KT_OK;
}
