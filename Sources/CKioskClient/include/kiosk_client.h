/*
 * kiosk_client.h: the thin kiosk client for kioskd (docs/KIOSK-CLIENT.md, docs/PROTOCOL.md).
 *
 * Plain C11 on POSIX sockets, OpenSSL and libprotobuf-c. No global state: everything lives in a
 * kiosk_client handle, which one thread uses at a time. Connections use TLS when `ca_file` is set
 * (docs/KIOSK-CLIENT.md, "Connecting securely"); without it, only to a loopback address. Every function that can fail returns a
 * kiosk_status_t code; kiosk_client_error() gives a message a person can act on.
 *
 * One call is open at a time on a client (a thin terminal does one thing at a time). A client
 * connects on demand: the first call connects and says hello; after a broken connection or a
 * go_away the next call reconnects, waiting with exponential backoff between attempts.
 */
#ifndef KIOSK_CLIENT_H
#define KIOSK_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Result codes of every library function. */
typedef enum kiosk_status {
    KIOSK_OK = 0,
    /* The stream has ended with status OK (kiosk_stream_next only). */
    KIOSK_END = 1,
    /* A bad argument (NULL handle, empty method, ...). */
    KIOSK_ERR_ARGUMENT = 2,
    KIOSK_ERR_NO_MEMORY = 3,
    /* Could not resolve or connect to the server (after all attempts). */
    KIOSK_ERR_CONNECT = 4,
    /* Connect, read or write did not finish in time. */
    KIOSK_ERR_TIMEOUT = 5,
    /* The connection broke (reset, closed by the server mid-call). */
    KIOSK_ERR_IO = 6,
    /* The server sent bytes that are not a valid frame, or a frame larger than allowed. */
    KIOSK_ERR_PROTOCOL = 7,
    /* The server sent connection_error: see kiosk_client_connection_error_code() for what to do. */
    KIOSK_ERR_CONNECTION_REFUSED = 8,
    /* The server is going away (go_away) and refused or could not finish the call; retry later. */
    KIOSK_ERR_GOING_AWAY = 9,
    /* The call ended with a non-OK gRPC status: see kiosk_client_status_code(). */
    KIOSK_ERR_STATUS = 10,
    /* The response message does not parse as the expected type. */
    KIOSK_ERR_DECODE = 11,
    /* The outbox's SQLite file could not be read or written. */
    KIOSK_ERR_STORAGE = 12,
    /* Another call or stream is still open on this client. */
    KIOSK_ERR_BUSY = 13,
    /*
     * The server was not trusted, so nothing was sent to it: its certificate is from another CA, has
     * expired, or does not name the host dialled; the CA pin does not match; the port does not speak
     * TLS; ca_file cannot be read; or plaintext to a non-loopback address was refused. Not retried:
     * kiosk_client_error() says what to change.
     */
    KIOSK_ERR_TLS = 14
} kiosk_status_t;

/* gRPC status codes carried in status frames (docs/PROTOCOL.md §4). */
enum {
    KIOSK_CODE_OK = 0, KIOSK_CODE_CANCELLED = 1, KIOSK_CODE_UNKNOWN = 2, KIOSK_CODE_INVALID_ARGUMENT = 3,
    KIOSK_CODE_DEADLINE_EXCEEDED = 4, KIOSK_CODE_NOT_FOUND = 5, KIOSK_CODE_ALREADY_EXISTS = 6,
    KIOSK_CODE_PERMISSION_DENIED = 7, KIOSK_CODE_RESOURCE_EXHAUSTED = 8, KIOSK_CODE_FAILED_PRECONDITION = 9,
    KIOSK_CODE_ABORTED = 10, KIOSK_CODE_OUT_OF_RANGE = 11, KIOSK_CODE_UNIMPLEMENTED = 12,
    KIOSK_CODE_INTERNAL = 13, KIOSK_CODE_UNAVAILABLE = 14, KIOSK_CODE_DATA_LOSS = 15,
    KIOSK_CODE_UNAUTHENTICATED = 16
};

/*
 * Codes of a connection_error frame (kiosk.wire.v1.ConnectionError.Code, docs/PROTOCOL.md §7), as
 * kiosk_client_connection_error_code() returns them after KIOSK_ERR_CONNECTION_REFUSED.
 *
 *   call the operator (not retried; the same hello would be refused again):
 *     UNAUTHENTICATED      unknown or revoked kiosk, or a wrong credential
 *     UNSUPPORTED_VERSION  this client and the server share no protocol version
 *   try later (the client already retried with backoff: connect_attempts, backoff_*_ms):
 *     OVERLOADED           the server is at its connection limit
 *     TIMEOUT              no welcome in time, or the server closed an idle connection
 *   a fault in the bytes this client sent (a bug, or a link that corrupts data; not retried):
 *     MALFORMED_FRAME, FRAME_TOO_LARGE, PROTOCOL_VIOLATION, TRUNCATED_FRAME
 */
enum {
    KIOSK_CONNECTION_ERROR_NONE = 0, KIOSK_CONNECTION_ERROR_MALFORMED_FRAME = 1,
    KIOSK_CONNECTION_ERROR_FRAME_TOO_LARGE = 2, KIOSK_CONNECTION_ERROR_PROTOCOL_VIOLATION = 3,
    KIOSK_CONNECTION_ERROR_UNSUPPORTED_VERSION = 4, KIOSK_CONNECTION_ERROR_UNAUTHENTICATED = 5,
    KIOSK_CONNECTION_ERROR_TIMEOUT = 6, KIOSK_CONNECTION_ERROR_OVERLOADED = 7,
    KIOSK_CONNECTION_ERROR_TRUNCATED_FRAME = 8
};

/* Settings of a client. Fill with kiosk_options_init(), then change what you need. */
typedef struct kiosk_options {
    /* Time to establish the TCP connection and receive the welcome. Default 5000. */
    uint32_t connect_timeout_ms;
    /* Deadline of a call, sent as grpc-timeout; the client waits 1 s longer. Default 15000. */
    uint32_t call_timeout_ms;
    /* Time allowed for writing one frame. Default 5000. */
    uint32_t write_timeout_ms;
    /* Connection attempts per call before giving up (at least 1). Default 5. */
    uint32_t connect_attempts;
    /* Wait before the second attempt; doubles after each failure up to backoff_max_ms. Default 500, 30000. */
    uint32_t backoff_initial_ms;
    uint32_t backoff_max_ms;
    /* The largest frame accepted from the server (the welcome can only lower it). Default 4 MiB. */
    uint32_t max_frame_bytes;
    /* Free text for the server's log, e.g. "vendor-x-screen/2.1". NULL: "kiosk-c/1". Copied. */
    const char *client_agent;
    /*
     * PEM file with the county CA's certificate (ca.pem from `kioskctl tls init`, or a provincial
     * CA's). When set, connections use TLS 1.2 or 1.3: the server's certificate chain must lead to this
     * CA and name the host (or IP address) given to kiosk_client_new, and the server must agree to
     * ALPN "kiosk/1"; only then is the hello (with the credential) sent. Read at the first connect.
     * NULL: plaintext, which the client sends only to a loopback address. Copied.
     */
    const char *ca_file;
    /*
     * Optional: the SHA-256 fingerprint of the county CA's certificate, 64 hex digits (colons
     * allowed), as `kioskctl tls init` prints it. The verified chain must contain that certificate.
     * NULL: no pin. Copied.
     */
    const char *ca_fingerprint_sha256;
    /* Non-zero allows plaintext to a non-loopback address. Only for a closed test network: the
     * credential, workers' PINs and children's records then cross it readable. Default 0. */
    int insecure_plaintext;
} kiosk_options;

typedef struct kiosk_client kiosk_client;

/* An open server-streaming call; read it with kiosk_stream_next(), free it with kiosk_stream_free(). */
typedef struct kiosk_stream kiosk_stream;

/* Fills options with the defaults. */
void kiosk_options_init(kiosk_options *options);

/* A printable name for a result code ("KIOSK_ERR_TIMEOUT"). */
const char *kiosk_status_name(kiosk_status_t status);

/* A printable name for a gRPC status code ("UNAUTHENTICATED"). */
const char *kiosk_code_name(uint32_t code);

/* A printable name for a connection_error code ("OVERLOADED"; "NONE" for 0). */
const char *kiosk_connection_error_name(uint32_t code);

/*
 * Creates a client for kiosk `kiosk_id` with its `credential` (from `kioskctl kiosk add`) talking to
 * host:port. Does not connect yet. `options` may be NULL for the defaults. Strings are copied.
 * On success *out is a new client to free with kiosk_client_free(). KIOSK_ERR_ARGUMENT (and *out
 * NULL) when `out` is NULL, host, kiosk_id or credential is NULL or empty, or port is 0.
 */
kiosk_status_t kiosk_client_new(const char *host, uint16_t port, const char *kiosk_id, const char *credential,
                                const kiosk_options *options, kiosk_client **out);

/* Closes the connection (if any) and frees the client. NULL is allowed. */
void kiosk_client_free(kiosk_client *client);

/* The message of the last failure on this client ("" after success). Valid until the next call. */
const char *kiosk_client_error(const kiosk_client *client);

/* Connects and does the handshake now (calls also do this on demand), with backoff between attempts. */
kiosk_status_t kiosk_client_connect(kiosk_client *client);

/* Closes the connection; the next call reconnects. The session token is kept. */
void kiosk_client_close(kiosk_client *client);

/* Non-zero while the client holds a connection that has been welcomed and is not going away. */
int kiosk_client_is_connected(const kiosk_client *client);

/* Non-zero when the client connects with TLS (ca_file is set). */
int kiosk_client_uses_tls(const kiosk_client *client);

/* Limits the server announced in its welcome (0 before the first welcome). */
uint32_t kiosk_client_server_max_frame_bytes(const kiosk_client *client);
const char *kiosk_client_server_agent(const kiosk_client *client);

/*
 * What the server answered a command that ended with KIOSK_ERR_CONNECTION_REFUSED: the code
 * (KIOSK_CONNECTION_ERROR_*, see above) and message of its connection_error frame. Code 0 and ""
 * when the last command on this client got no connection_error. Valid until the next command.
 */
uint32_t kiosk_client_connection_error_code(const kiosk_client *client);
const char *kiosk_client_connection_error_message(const kiosk_client *client);

/*
 * Signs a worker in (Session/SignIn) and keeps the session token for later calls, and the rest of
 * the server's answer for kiosk_client_session_info(). Any earlier session of this client is
 * forgotten first, also when the sign-in fails.
 */
kiosk_status_t kiosk_client_sign_in(kiosk_client *client, const char *worker_id, const char *pin);

/* The signed-in worker and session, as the server answered kiosk_client_sign_in. */
typedef struct kiosk_session_info {
    const char *worker_id;
    /* The worker's name for people, e.g. "王秀芬". */
    const char *display_name;
    /* A kiosk.core.v1.Role (KIOSK__CORE__V1__ROLE__ROLE_VILLAGE_DIRECTOR, ... in kiosk/core/v1/session.pb-c.h). */
    uint32_t role;
    /* The division code prefix the worker may see and act in. */
    const char *jurisdiction;
    /* Seconds since 1970-01-01 UTC when the session ends. */
    int64_t expires_at_unix;
} kiosk_session_info;

/*
 * Fills *info from the answer of the last successful kiosk_client_sign_in. Its strings are owned by
 * the client and stay valid until the next sign-in, sign-out, kiosk_client_set_session_token or
 * kiosk_client_free. KIOSK_ERR_ARGUMENT when the client holds no such answer: not signed in, or the
 * token came from kiosk_client_set_session_token (call /kiosk.core.v1.Session/WhoAmI instead).
 */
kiosk_status_t kiosk_client_session_info(kiosk_client *client, kiosk_session_info *info);

/* Ends the session (Session/SignOut) and forgets the token and the sign-in's answer. */
kiosk_status_t kiosk_client_sign_out(kiosk_client *client);

/* The current session token (NULL when signed out). */
const char *kiosk_client_session_token(const kiosk_client *client);

/*
 * Uses an existing session token (e.g. kept across restarts of the screen program); NULL clears it.
 * Either way the answer of an earlier sign-in is forgotten.
 */
kiosk_status_t kiosk_client_set_session_token(kiosk_client *client, const char *token);

/* Sends ping and waits for the matching pong. */
kiosk_status_t kiosk_client_ping(kiosk_client *client);

/*
 * A unary call with serialized bytes. `method` is "/package.Service/Method"; `idempotency_key` may
 * be NULL. On KIOSK_OK, *response (malloc'd, free() it) and *response_len hold the response; on
 * KIOSK_ERR_STATUS the status is in kiosk_client_status_code()/_message().
 * Up to connect_attempts times, with backoff, a call is resent (after reconnecting) when the server
 * refused it before running it: go_away, UNAVAILABLE, or TIMEOUT on a connection it had closed as
 * idle. A call with an idempotency key is also resent when the connection fails during it.
 */
kiosk_status_t kiosk_client_call_bytes(kiosk_client *client, const char *method, const char *idempotency_key,
                                       const uint8_t *request, size_t request_len,
                                       uint8_t **response, size_t *response_len);

/*
 * A unary call with protobuf-c messages. On KIOSK_OK *response is a message of `response_type`;
 * free it with protobuf_c_message_free_unpacked(*response, NULL).
 */
kiosk_status_t kiosk_client_call(kiosk_client *client, const char *method, const char *idempotency_key,
                                 const ProtobufCMessage *request, const ProtobufCMessageDescriptor *response_type,
                                 ProtobufCMessage **response);

/* The status of the last call that the server answered (code 0 and "" before any). */
uint32_t kiosk_client_status_code(const kiosk_client *client);
const char *kiosk_client_status_message(const kiosk_client *client);

/* Opens a server-streaming call. Until it is freed the client makes no other call. */
kiosk_status_t kiosk_stream_open(kiosk_client *client, const char *method, const ProtobufCMessage *request,
                                 kiosk_stream **out);

/*
 * The next message of the stream: KIOSK_OK with *message set (free with
 * protobuf_c_message_free_unpacked), KIOSK_END when the server ended the stream with OK,
 * KIOSK_ERR_STATUS when it ended with another status, KIOSK_ERR_TIMEOUT when nothing came within
 * timeout_ms (the stream stays open; call again), another error when the connection failed.
 * A following stream (FollowApplications with follow set) ends with KIOSK_END when the server stops
 * gracefully and with KIOSK_ERR_IO when it crashes or the link breaks: after any end, free the
 * stream and open a new one from the last cursor seen (docs/KIOSK-CLIENT.md, "Following").
 */
kiosk_status_t kiosk_stream_next(kiosk_stream *stream, const ProtobufCMessageDescriptor *message_type,
                                 uint32_t timeout_ms, ProtobufCMessage **message);

/* Cancels the stream if it is still open and frees it. NULL is allowed. */
void kiosk_stream_free(kiosk_stream *stream);

/* Writes a new idempotency key (32 lower-case hex digits from /dev/urandom) into key[33]. */
kiosk_status_t kiosk_new_idempotency_key(char key[33]);

#ifdef __cplusplus
}
#endif

#endif
