/* Frames on the socket: a 4-byte big-endian length, then a serialized kiosk.wire.v1.Frame. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int64_t kc_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void kc_sleep_ms(uint32_t ms) {
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Waits until the socket is ready for `events` or the deadline passes: 1 ready, 0 timeout, -1 error. */
static int wait_ready(int fd, short events, int64_t deadline_ms) {
    for (;;) {
        int64_t left = deadline_ms - kc_now_ms();
        if (left <= 0) return 0;
        struct pollfd p = {.fd = fd, .events = events};
        int n = poll(&p, 1, left > 60000 ? 60000 : (int)left);
        if (n > 0) return 1;
        if (n < 0 && errno != EINTR) return -1;
    }
}

static kiosk_status_t write_all(kiosk_client *c, const uint8_t *bytes, size_t len, int64_t deadline_ms) {
    size_t done = 0;
    while (done < len) {
        int ready = wait_ready(c->fd, POLLOUT, deadline_ms);
        if (ready == 0) return kc_fail(c, KIOSK_ERR_TIMEOUT, "timed out writing to the server");
        if (ready < 0) return kc_fail(c, KIOSK_ERR_IO, "poll failed: %s", strerror(errno));
        ssize_t n = send(c->fd, bytes + done, len - done, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
            return kc_fail(c, KIOSK_ERR_IO, "connection lost while writing: %s", strerror(errno));
        }
        done += (size_t)n;
    }
    return KIOSK_OK;
}

/* Reads exactly len bytes; *got counts what arrived so that a caller can tell "nothing" from "part". */
static kiosk_status_t read_exact(kiosk_client *c, uint8_t *bytes, size_t len, int64_t deadline_ms, size_t *got) {
    while (*got < len) {
        int ready = wait_ready(c->fd, POLLIN, deadline_ms);
        if (ready == 0) return kc_fail(c, KIOSK_ERR_TIMEOUT, "timed out waiting for the server");
        if (ready < 0) return kc_fail(c, KIOSK_ERR_IO, "poll failed: %s", strerror(errno));
        ssize_t n = recv(c->fd, bytes + *got, len - *got, 0);
        if (n == 0) return kc_fail(c, KIOSK_ERR_IO, "the server closed the connection");
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
            return kc_fail(c, KIOSK_ERR_IO, "connection lost while reading: %s", strerror(errno));
        }
        *got += (size_t)n;
    }
    return KIOSK_OK;
}

kiosk_status_t kw_send(kiosk_client *c, const Kiosk__Wire__V1__Frame *frame, int64_t deadline_ms) {
    if (c->fd < 0) return kc_fail(c, KIOSK_ERR_IO, "not connected");
    size_t size = kiosk__wire__v1__frame__get_packed_size(frame);
    if (size == 0 || size > c->max_frame_bytes) {
        return kc_fail(c, KIOSK_ERR_ARGUMENT, "a frame of %zu bytes exceeds the limit of %u bytes", size,
                       c->max_frame_bytes);
    }
    uint8_t *buffer = malloc(size + 4);
    if (!buffer) return kc_fail(c, KIOSK_ERR_NO_MEMORY, "out of memory");
    buffer[0] = (uint8_t)(size >> 24);
    buffer[1] = (uint8_t)(size >> 16);
    buffer[2] = (uint8_t)(size >> 8);
    buffer[3] = (uint8_t)size;
    kiosk__wire__v1__frame__pack(frame, buffer + 4);
    kiosk_status_t rc = write_all(c, buffer, size + 4, deadline_ms);
    free(buffer);
    if (rc != KIOSK_OK) kc_drop(c);
    return rc;
}

kiosk_status_t kw_receive(kiosk_client *c, int64_t deadline_ms, Kiosk__Wire__V1__Frame **out) {
    *out = NULL;
    if (c->fd < 0) return kc_fail(c, KIOSK_ERR_IO, "not connected");
    uint8_t header[4];
    size_t got = 0;
    kiosk_status_t rc = read_exact(c, header, 4, deadline_ms, &got);
    if (rc == KIOSK_ERR_TIMEOUT && got == 0) return rc; /* nothing arrived: the connection is intact */
    if (rc == KIOSK_OK && got == 4) {
        uint32_t len = (uint32_t)header[0] << 24 | (uint32_t)header[1] << 16 | (uint32_t)header[2] << 8 | header[3];
        if (len == 0 || len > c->max_frame_bytes) {
            rc = kc_fail(c, KIOSK_ERR_PROTOCOL, "the server sent a frame of %u bytes (limit %u)", len,
                         c->max_frame_bytes);
        } else {
            uint8_t *body = malloc(len);
            if (!body) {
                rc = kc_fail(c, KIOSK_ERR_NO_MEMORY, "out of memory");
            } else {
                /* The rest of a frame that has begun must follow promptly. */
                int64_t rest = kc_now_ms() + c->options.write_timeout_ms;
                size_t body_got = 0;
                rc = read_exact(c, body, len, rest > deadline_ms ? rest : deadline_ms, &body_got);
                if (rc == KIOSK_OK) {
                    *out = kiosk__wire__v1__frame__unpack(NULL, len, body);
                    if (!*out) {
                        rc = kc_fail(c, KIOSK_ERR_PROTOCOL, "the server sent bytes that are not a frame");
                    } else if ((*out)->kind_case == KIOSK__WIRE__V1__FRAME__KIND__NOT_SET) {
                        kiosk__wire__v1__frame__free_unpacked(*out, NULL);
                        *out = NULL;
                        rc = kc_fail(c, KIOSK_ERR_PROTOCOL, "the server sent a frame with no kind");
                    }
                }
                free(body);
            }
        }
    }
    if (rc != KIOSK_OK) kc_drop(c);
    return rc;
}
