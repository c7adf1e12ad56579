/*
 * Frames on the byte layer: a 4-byte big-endian length, then a serialized kiosk.wire.v1.Frame.
 * A leaf beside the transport: it returns a status and a message and touches no client state; the
 * client decides what a failure means (connect.c: kc_send, kc_receive).
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* TLS-looking bytes where a frame's length should be: a TLS record header (alert or handshake). */
static int looks_like_tls(const uint8_t header[4]) {
    return (header[0] == 0x15 || header[0] == 0x16) && header[1] == 0x03 && header[2] <= 0x04;
}

static kiosk_status_t say(kiosk_status_t status, char *message, size_t size, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static kiosk_status_t say(kiosk_status_t status, char *message, size_t size, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(message, size, format, args);
    va_end(args);
    return status;
}

kiosk_status_t kc_status_of(kt_status status) {
    switch (status) {
    case KT_OK: return KIOSK_OK;
    case KT_TIMEOUT: return KIOSK_ERR_TIMEOUT;
    case KT_CLOSED:
    case KT_IO: return KIOSK_ERR_IO;
    case KT_CONNECT: return KIOSK_ERR_CONNECT;
    case KT_TLS: return KIOSK_ERR_TLS;
    case KT_NO_MEMORY: return KIOSK_ERR_NO_MEMORY;
    case KT_ARGUMENT: return KIOSK_ERR_ARGUMENT;
    }
    return KIOSK_ERR_IO;
}

kiosk_status_t kw_send(kt_transport *t, uint32_t max_frame_bytes, const Kiosk__Wire__V1__Frame *frame,
                       int64_t deadline_ms, char *message, size_t size) {
    size_t length = kiosk__wire__v1__frame__get_packed_size(frame);
    if (length == 0 || length > max_frame_bytes)
        return say(KIOSK_ERR_ARGUMENT, message, size, "a frame of %zu bytes exceeds the limit of %u bytes", length,
                   max_frame_bytes);
    uint8_t *buffer = malloc(length + 4);
    if (!buffer) return say(KIOSK_ERR_NO_MEMORY, message, size, "out of memory");
    buffer[0] = (uint8_t)(length >> 24);
    buffer[1] = (uint8_t)(length >> 16);
    buffer[2] = (uint8_t)(length >> 8);
    buffer[3] = (uint8_t)length;
    kiosk__wire__v1__frame__pack(frame, buffer + 4);
    kt_status rc = kt_send_all(t, buffer, length + 4, deadline_ms);
    free(buffer);
    if (rc != KT_OK) return say(kc_status_of(rc), message, size, "%s", kt_error(t));
    return KIOSK_OK;
}

/* Reads and unpacks a body of `length` bytes. */
static kiosk_status_t receive_body(kt_transport *t, uint32_t length, int64_t deadline_ms, Kiosk__Wire__V1__Frame **out,
                                   size_t *got, char *message, size_t size) {
    uint8_t *body = malloc(length);
    if (!body) return say(KIOSK_ERR_NO_MEMORY, message, size, "out of memory");
    size_t body_got = 0;
    kt_status received = kt_receive_exact(t, body, length, deadline_ms, &body_got);
    *got += body_got;
    kiosk_status_t rc = KIOSK_OK;
    if (received != KT_OK) {
        rc = say(kc_status_of(received), message, size, "%s", kt_error(t));
    } else if (!(*out = kiosk__wire__v1__frame__unpack(NULL, length, body))) {
        rc = say(KIOSK_ERR_PROTOCOL, message, size, "the server sent bytes that are not a frame");
    } else if ((*out)->kind_case == KIOSK__WIRE__V1__FRAME__KIND__NOT_SET) {
        kiosk__wire__v1__frame__free_unpacked(*out, NULL);
        *out = NULL;
        rc = say(KIOSK_ERR_PROTOCOL, message, size, "the server sent a frame with no kind");
    }
    free(body);
    return rc;
}

kiosk_status_t kw_receive(kt_transport *t, uint32_t max_frame_bytes, uint32_t rest_ms, int64_t deadline_ms,
                          Kiosk__Wire__V1__Frame **out, size_t *got, char *message, size_t size) {
    *out = NULL;
    *got = 0;
    uint8_t header[4];
    kt_status received = kt_receive_exact(t, header, 4, deadline_ms, got);
    if (received != KT_OK) return say(kc_status_of(received), message, size, "%s", kt_error(t));
    uint32_t length = (uint32_t)header[0] << 24 | (uint32_t)header[1] << 16 | (uint32_t)header[2] << 8 | header[3];
    if (length == 0 || length > max_frame_bytes) {
        if (!kt_uses_tls(t) && looks_like_tls(header))
            return say(KIOSK_ERR_PROTOCOL, message, size,
                       "the server answered in TLS: set ca_file to the county CA's certificate (ca.pem)");
        return say(KIOSK_ERR_PROTOCOL, message, size, "the server sent a frame of %u bytes (limit %u)", length,
                   max_frame_bytes);
    }
    /* The rest of a frame that has begun must follow promptly. */
    int64_t rest = kt_now_ms() + rest_ms;
    return receive_body(t, length, rest > deadline_ms ? rest : deadline_ms, out, got, message, size);
}
