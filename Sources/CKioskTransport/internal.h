/* Shared by the transport's source files; not installed. */
#ifndef KIOSK_TRANSPORT_INTERNAL_H
#define KIOSK_TRANSPORT_INTERNAL_H

#include "kiosk_transport.h"

#include <openssl/ssl.h>

struct kt_transport {
    int fd;                   /* -1 when not connected */
    SSL_CTX *ctx;             /* NULL: plaintext */
    SSL *ssl;                 /* the TLS session of the open connection */
    BIO_METHOD *bio_method;   /* socket I/O without SIGPIPE, owned here (OpenSSL's socket BIO uses write()) */
    char *ca_file;
    unsigned char pin[32];
    int has_pin;
    int insecure_plaintext;
    char error[512];
};

/* Records a failure message and returns `status`. */
kt_status kt_fail(kt_transport *t, kt_status status, const char *format, ...) __attribute__((format(printf, 3, 4)));

/* Waits until fd is ready for `events` or the deadline passes: 1 ready, 0 timeout, -1 error. */
int kt_wait(int fd, short events, int64_t deadline_ms);

/* Opens a TCP connection to host:port before the deadline; refuses plaintext to non-loopback
 * addresses unless allowed. Sets t->fd. */
kt_status kt_open_socket(kt_transport *t, const char *host, uint16_t port, int64_t deadline_ms);

/* TLS (tls.c): the context from the settings, the handshake and its checks, and TLS I/O. */
kt_status kt_tls_setup(kt_transport *t, const kt_settings *settings);
void kt_tls_free(kt_transport *t);
kt_status kt_tls_handshake(kt_transport *t, const char *host, int64_t deadline_ms);
kt_status kt_tls_send(kt_transport *t, const uint8_t *bytes, size_t len, int64_t deadline_ms);
kt_status kt_tls_receive(kt_transport *t, uint8_t *bytes, size_t len, int64_t deadline_ms, size_t *got);

/* Explains a failed certificate check (verify.c) in t->error and returns KT_TLS. */
kt_status kt_explain_verify_failure(kt_transport *t, const char *host);

/* Checks the pinned CA fingerprint against the verified chain (verify.c). */
kt_status kt_check_pin(kt_transport *t);

#endif
