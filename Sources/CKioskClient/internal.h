/* Shared between the client's source files; not installed. */
#ifndef KIOSK_CLIENT_INTERNAL_H
#define KIOSK_CLIENT_INTERNAL_H

#include "kiosk_client.h"
#include "kiosk_transport.h"
#include "kiosk/wire/v1/frame.pb-c.h"

struct kiosk_client {
    char *host;
    uint16_t port;
    char *kiosk_id;
    char *credential;
    char *client_agent;
    char *ca_file;               /* copies of the options' strings (NULL when unset) */
    char *ca_fingerprint_sha256;
    kiosk_options options;

    /* The byte layer (plain or TLS), made at the first connect; owns the socket and TLS state. */
    kt_transport *transport;
    int going_away;              /* the server sent go_away on this connection */
    uint32_t go_away_last_call_id;
    uint32_t server_max_frame_bytes;
    uint32_t max_frame_bytes;    /* the smaller of ours and the server's */
    char *server_agent;
    uint32_t next_call_id;
    uint64_t next_ping_payload;
    int busy;                    /* a stream is open */

    char *session_token;
    /* The answer of the last successful sign-in (NULL when none): kiosk_client_session_info. */
    ProtobufCMessage *sign_in;
    uint32_t status_code;
    char *status_message;
    /* The connection_error of the current command (code 0 when none). */
    uint32_t connection_error_code;
    char connection_error_message[256];
    /* How often the current unary call's request was sent (its headers written). */
    uint32_t sends;
    char error[512];
};

/* Keeps a connection_error frame's code and message for kiosk_client_connection_error_code/_message. */
void kc_keep_connection_error(kiosk_client *client, const Kiosk__Wire__V1__ConnectionError *error);

/* Answers a ping from the server. */
kiosk_status_t kc_send_pong(kiosk_client *client, uint64_t payload);

/* Makes sure the client holds a live, welcomed connection: reconnects (with backoff) if not. */
kiosk_status_t kc_ensure_connected(kiosk_client *client);

/* Forgets the connection_error of an earlier command; called as each command begins. */
void kc_clear_connection_error(kiosk_client *client);

/* How often the last kiosk_client_call_bytes sent its request (0: no connection was made). */
uint32_t kc_last_call_sends(const kiosk_client *client);

/* Records a failure message on the client and returns `status`. */
kiosk_status_t kc_fail(kiosk_client *client, kiosk_status_t status, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Closes the connection and forgets its state. */
void kc_drop(kiosk_client *client);

/* Non-zero while the client holds an open connection (welcomed or not, going away or not). */
int kc_is_open(const kiosk_client *client);

/* Sleeps for `ms` milliseconds. */
void kc_sleep_ms(uint32_t ms);

/* The client's status for a status of the byte layer. */
kiosk_status_t kc_status_of(kt_status status);

/*
 * Frames on the byte layer (wire.c): a 4-byte big-endian length, then a kiosk.wire.v1.Frame. A leaf
 * beside the transport: it touches no client state and says what failed in `message`.
 */
kiosk_status_t kw_send(kt_transport *transport, uint32_t max_frame_bytes, const Kiosk__Wire__V1__Frame *frame,
                       int64_t deadline_ms, char *message, size_t message_size);

/*
 * Reads one frame. The rest of a frame that has begun must follow within rest_ms (or by the deadline,
 * if later). *got counts the bytes of the frame that arrived, so that a caller can tell a timeout
 * with nothing from one mid-frame. Free *out with kiosk__wire__v1__frame__free_unpacked(*out, NULL).
 */
kiosk_status_t kw_receive(kt_transport *transport, uint32_t max_frame_bytes, uint32_t rest_ms, int64_t deadline_ms,
                          Kiosk__Wire__V1__Frame **out, size_t *got, char *message, size_t message_size);

/* Sends one frame before `deadline_ms` (connect.c); on failure the connection is dropped. */
kiosk_status_t kc_send(kiosk_client *client, const Kiosk__Wire__V1__Frame *frame, int64_t deadline_ms);

/*
 * Reads one frame (connect.c). If nothing at all arrives before `deadline_ms`, returns
 * KIOSK_ERR_TIMEOUT and keeps the connection; any other failure (including a timeout in the middle
 * of a frame) drops it. Free *out with kiosk__wire__v1__frame__free_unpacked(*out, NULL).
 */
kiosk_status_t kc_receive(kiosk_client *client, int64_t deadline_ms, Kiosk__Wire__V1__Frame **out);

/*
 * Reads until a frame that concerns the caller arrives: a message or status of call `call_id`
 * (non-zero), or the pong carrying `ping_payload` (call_id 0). Handles ping, go_away and
 * connection_error itself and skips frames of other calls.
 */
kiosk_status_t kc_read_for(kiosk_client *client, uint32_t call_id, uint64_t ping_payload, int64_t deadline_ms,
                           Kiosk__Wire__V1__Frame **out);

/* Keeps a status as the client's last status; KIOSK_ERR_STATUS (with a message) when it is not OK. */
kiosk_status_t kc_record_status(kiosk_client *client, const Kiosk__Wire__V1__Status *status);

/* Opens a call without an idempotency key (for streams). */
kiosk_status_t kc_begin_stream(kiosk_client *client, const char *method, const uint8_t *request, size_t len,
                               uint32_t *call_id);

/* Duplicates a string, or returns NULL when out of memory. */
char *kc_strdup(const char *s);

#endif
