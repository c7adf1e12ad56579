/*
 * kiosk_transport.h: the byte layer under the kiosk client (docs/PROTOCOL.md, "TLS").
 *
 * One connection to kioskd, plain TCP or TLS (OpenSSL): connect, send all, receive exactly, close.
 * A leaf: it knows nothing of frames, calls or the client above it. Every function returns a
 * kt_status; kt_error() says what happened in words a kiosk vendor can act on. The caller decides
 * what a failure means (retry, drop, give up). No globals: all state lives in a kt_transport,
 * which one thread uses at a time.
 *
 * TLS: TLS 1.2 or 1.3; the server's chain must lead to a CA in `ca_file` and name the host or IP
 * address dialled; ALPN "kiosk/1" must be agreed. Nothing is sent on a connection before all of
 * that has been checked. Plaintext goes only to a loopback address unless `insecure_plaintext`.
 */
#ifndef KIOSK_TRANSPORT_H
#define KIOSK_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ALPN protocol name of the kiosk wire, version 1. */
#define KT_ALPN "kiosk/1"

typedef enum kt_status {
    KT_OK = 0,
    /* The deadline passed. */
    KT_TIMEOUT = 1,
    /* The server ended the connection (FIN, TLS close_notify, or a reset). */
    KT_CLOSED = 2,
    /* The connection broke (reset, write to a closed socket, a corrupt TLS record). */
    KT_IO = 3,
    /* The host could not be resolved or connected to. */
    KT_CONNECT = 4,
    /* TLS could not be set up or the server was not accepted (unknown CA, expired, name mismatch,
     * pin mismatch, no TLS on that port), or plaintext to a non-loopback address was refused. Trying
     * again will not help until someone changes the set-up. */
    KT_TLS = 5,
    KT_NO_MEMORY = 6,
    /* Bad settings or arguments (e.g. a fingerprint that is not 64 hex digits). */
    KT_ARGUMENT = 7
} kt_status;

/* How to secure connections. Strings are copied by kt_new. */
typedef struct kt_settings {
    /* PEM file with the CA certificate(s) the server's chain must lead to (the county's ca.pem).
     * NULL: plaintext. */
    const char *ca_file;
    /* Optional pin: SHA-256 of one CA certificate that must be in the verified chain, as 64 hex digits
     * (colons and spaces allowed), as `kioskctl tls init` and `kioskctl tls show` print it. NULL: none. */
    const char *ca_fingerprint_sha256;
    /* Non-zero allows plaintext (no ca_file) to addresses that are not loopback. For test networks only. */
    int insecure_plaintext;
} kt_settings;

typedef struct kt_transport kt_transport;

/* A transport for `settings` (reads ca_file now). On failure *out is NULL and `error` says why. */
kt_status kt_new(const kt_settings *settings, kt_transport **out, char *error, size_t error_size);

/* Closes any connection and frees the transport. NULL is allowed. */
void kt_free(kt_transport *transport);

/* Connects to host:port before deadline_ms (kt_now_ms clock) and, with TLS, completes and checks the
 * handshake. Closes an earlier connection first. */
kt_status kt_connect(kt_transport *transport, const char *host, uint16_t port, int64_t deadline_ms);

/* Sends all `len` bytes before the deadline. */
kt_status kt_send_all(kt_transport *transport, const uint8_t *bytes, size_t len, int64_t deadline_ms);

/* Receives exactly `len` bytes before the deadline. *got counts the bytes that did arrive, so that a
 * caller can tell a timeout with nothing from one in the middle of something. */
kt_status kt_receive_exact(kt_transport *transport, uint8_t *bytes, size_t len, int64_t deadline_ms, size_t *got);

/* Non-zero when a receive would not wait: bytes, or the end of the connection, are there. */
int kt_has_input(kt_transport *transport);

/* Ends the sending side (TLS close_notify, then a TCP half-close); receiving goes on. */
kt_status kt_shutdown_output(kt_transport *transport);

/* Closes the connection, if any; the transport can connect again. */
void kt_close(kt_transport *transport);

/* Non-zero while connected. */
int kt_is_open(const kt_transport *transport);

/* Non-zero when connections use TLS. */
int kt_uses_tls(const kt_transport *transport);

/* What the last failure was ("" after success). Valid until the next call on the transport. */
const char *kt_error(const kt_transport *transport);

/* Milliseconds on the monotonic clock, the clock of every deadline here. */
int64_t kt_now_ms(void);

#ifdef __cplusplus
}
#endif

#endif
