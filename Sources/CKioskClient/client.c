/* Connecting, the handshake, unary calls, sign-in and ping. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "kiosk/core/v1/session.pb-c.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define DEFAULT_MAX_FRAME_BYTES (4u * 1024u * 1024u)

char *kc_strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy) memcpy(copy, s, n);
    return copy;
}

kiosk_status_t kc_fail(kiosk_client *c, kiosk_status_t status, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(c->error, sizeof c->error, format, args);
    va_end(args);
    return status;
}

static kiosk_status_t succeed(kiosk_client *c) {
    c->error[0] = '\0';
    return KIOSK_OK;
}

void kc_drop(kiosk_client *c) {
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
    c->going_away = 0;
    c->busy = 0;
}

void kiosk_options_init(kiosk_options *o) {
    memset(o, 0, sizeof *o);
    o->connect_timeout_ms = 5000;
    o->call_timeout_ms = 15000;
    o->write_timeout_ms = 5000;
    o->connect_attempts = 5;
    o->backoff_initial_ms = 500;
    o->backoff_max_ms = 30000;
    o->max_frame_bytes = DEFAULT_MAX_FRAME_BYTES;
}

const char *kiosk_status_name(kiosk_status_t s) {
    static const char *const names[] = {
        "KIOSK_OK", "KIOSK_END", "KIOSK_ERR_ARGUMENT", "KIOSK_ERR_NO_MEMORY", "KIOSK_ERR_CONNECT",
        "KIOSK_ERR_TIMEOUT", "KIOSK_ERR_IO", "KIOSK_ERR_PROTOCOL", "KIOSK_ERR_CONNECTION_REFUSED",
        "KIOSK_ERR_GOING_AWAY", "KIOSK_ERR_STATUS", "KIOSK_ERR_DECODE", "KIOSK_ERR_STORAGE", "KIOSK_ERR_BUSY"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "KIOSK_ERR_UNKNOWN";
}

const char *kiosk_code_name(uint32_t code) {
    static const char *const names[] = {
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
    return code < sizeof names / sizeof names[0] ? names[code] : "UNKNOWN_CODE";
}

static const char *connection_error_name(int code) {
    static const char *const names[] = {"CODE_UNSPECIFIED", "MALFORMED_FRAME", "FRAME_TOO_LARGE",
                                        "PROTOCOL_VIOLATION", "UNSUPPORTED_VERSION", "UNAUTHENTICATED",
                                        "TIMEOUT", "OVERLOADED", "TRUNCATED_FRAME"};
    return code >= 0 && code < 9 ? names[code] : "UNKNOWN";
}

kiosk_status_t kiosk_client_new(const char *host, uint16_t port, const char *kiosk_id, const char *credential,
                                const kiosk_options *options, kiosk_client **out) {
    if (!out) return KIOSK_ERR_ARGUMENT;
    *out = NULL;
    if (!host || !*host || !kiosk_id || !credential || port == 0) return KIOSK_ERR_ARGUMENT;
    kiosk_client *c = calloc(1, sizeof *c);
    if (!c) return KIOSK_ERR_NO_MEMORY;
    c->fd = -1;
    if (options) c->options = *options; else kiosk_options_init(&c->options);
    if (c->options.connect_attempts == 0) c->options.connect_attempts = 1;
    if (c->options.max_frame_bytes == 0) c->options.max_frame_bytes = DEFAULT_MAX_FRAME_BYTES;
    const char *agent = options && options->client_agent ? options->client_agent : "kiosk-c/1";
    c->host = kc_strdup(host);
    c->kiosk_id = kc_strdup(kiosk_id);
    c->credential = kc_strdup(credential);
    c->client_agent = kc_strdup(agent);
    c->status_message = kc_strdup("");
    c->options.client_agent = NULL;
    c->port = port;
    c->max_frame_bytes = c->options.max_frame_bytes;
    if (!c->host || !c->kiosk_id || !c->credential || !c->client_agent || !c->status_message) {
        kiosk_client_free(c);
        return KIOSK_ERR_NO_MEMORY;
    }
    *out = c;
    return KIOSK_OK;
}

void kiosk_client_free(kiosk_client *c) {
    if (!c) return;
    kc_drop(c);
    free(c->host);
    free(c->kiosk_id);
    free(c->credential);
    free(c->client_agent);
    free(c->server_agent);
    free(c->session_token);
    free(c->status_message);
    free(c);
}

const char *kiosk_client_error(const kiosk_client *c) { return c ? c->error : "no client"; }
int kiosk_client_is_connected(const kiosk_client *c) { return c && c->fd >= 0 && !c->going_away; }
uint32_t kiosk_client_server_max_frame_bytes(const kiosk_client *c) { return c ? c->server_max_frame_bytes : 0; }
const char *kiosk_client_server_agent(const kiosk_client *c) { return c && c->server_agent ? c->server_agent : ""; }
uint32_t kiosk_client_status_code(const kiosk_client *c) { return c ? c->status_code : 0; }
const char *kiosk_client_status_message(const kiosk_client *c) { return c ? c->status_message : ""; }
const char *kiosk_client_session_token(const kiosk_client *c) { return c ? c->session_token : NULL; }

kiosk_status_t kiosk_client_set_session_token(kiosk_client *c, const char *token) {
    if (!c) return KIOSK_ERR_ARGUMENT;
    char *copy = NULL;
    if (token && !(copy = kc_strdup(token))) return kc_fail(c, KIOSK_ERR_NO_MEMORY, "out of memory");
    free(c->session_token);
    c->session_token = copy;
    return succeed(c);
}

void kiosk_client_close(kiosk_client *c) {
    if (c) kc_drop(c);
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
        rc = succeed(c);
    } else if (answer->kind_case == KIOSK__WIRE__V1__FRAME__KIND_CONNECTION_ERROR) {
        rc = kc_fail(c, KIOSK_ERR_CONNECTION_REFUSED, "the server refused the kiosk: %s: %s",
                     connection_error_name(answer->connection_error->code), answer->connection_error->message);
        kc_drop(c);
    } else {
        rc = kc_fail(c, KIOSK_ERR_PROTOCOL, "the server answered hello with frame kind %d", answer->kind_case);
        kc_drop(c);
    }
    kiosk__wire__v1__frame__free_unpacked(answer, NULL);
    return rc;
}

static int refusal_is_final(const kiosk_client *c) {
    /* Retrying with the same credential cannot help, except when the server was busy or slow. */
    return strstr(c->error, ": OVERLOADED:") == NULL && strstr(c->error, ": TIMEOUT:") == NULL;
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
        rc = open_socket(c, deadline);
        if (rc == KIOSK_OK) rc = handshake(c, deadline);
        if (rc == KIOSK_OK) return KIOSK_OK;
        if (rc == KIOSK_ERR_CONNECTION_REFUSED && refusal_is_final(c)) return rc;
        if (rc == KIOSK_ERR_NO_MEMORY) return rc;
    }
    return rc;
}

static kiosk_status_t ensure_connected(kiosk_client *c) {
    if (c->fd >= 0 && !c->going_away) return KIOSK_OK;
    return kiosk_client_connect(c);
}

static int add_entry(Kiosk__Wire__V1__MetadataEntry *entries, Kiosk__Wire__V1__MetadataEntry **pointers, size_t *n,
                     const char *key, char *value) {
    Kiosk__Wire__V1__MetadataEntry init = KIOSK__WIRE__V1__METADATA_ENTRY__INIT;
    entries[*n] = init;
    entries[*n].key = (char *)key;
    entries[*n].value_case = KIOSK__WIRE__V1__METADATA_ENTRY__VALUE_TEXT;
    entries[*n].text = value;
    pointers[*n] = &entries[*n];
    return (int)++*n;
}

/* Opens a call: headers (with deadline, session and idempotency key), the request, end of stream. */
static kiosk_status_t begin_call(kiosk_client *c, const char *method, const char *key, const uint8_t *request,
                                 size_t request_len, uint32_t *call_id) {
    kiosk_status_t rc = ensure_connected(c);
    if (rc != KIOSK_OK) return rc;
    *call_id = c->next_call_id;
    c->next_call_id += 2;
    char timeout[16];
    snprintf(timeout, sizeof timeout, "%um", (unsigned)(c->options.call_timeout_ms % 100000000u));
    size_t bearer_len = c->session_token ? strlen(c->session_token) + 8 : 0;
    char *bearer = bearer_len ? malloc(bearer_len) : NULL;
    if (bearer_len && !bearer) return kc_fail(c, KIOSK_ERR_NO_MEMORY, "out of memory");
    Kiosk__Wire__V1__MetadataEntry entries[3], *pointers[3];
    size_t n = 0;
    add_entry(entries, pointers, &n, "grpc-timeout", timeout);
    if (bearer) {
        snprintf(bearer, bearer_len, "Bearer %s", c->session_token);
        add_entry(entries, pointers, &n, "authorization", bearer);
    }
    if (key) add_entry(entries, pointers, &n, "idempotency-key", (char *)key);

    Kiosk__Wire__V1__Headers headers = KIOSK__WIRE__V1__HEADERS__INIT;
    headers.method = (char *)method;
    headers.n_metadata = n;
    headers.metadata = pointers;
    Kiosk__Wire__V1__Message message = KIOSK__WIRE__V1__MESSAGE__INIT;
    message.data.data = (uint8_t *)request;
    message.data.len = request_len;
    Kiosk__Wire__V1__EndOfStream eos = KIOSK__WIRE__V1__END_OF_STREAM__INIT;
    Kiosk__Wire__V1__Frame frame = KIOSK__WIRE__V1__FRAME__INIT;
    frame.call_id = *call_id;
    int64_t deadline = kc_now_ms() + c->options.write_timeout_ms;

    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_HEADERS;
    frame.headers = &headers;
    rc = kw_send(c, &frame, deadline);
    free(bearer);
    if (rc != KIOSK_OK) return rc;
    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_MESSAGE;
    frame.message = &message;
    if ((rc = kw_send(c, &frame, deadline)) != KIOSK_OK) return rc;
    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_END_OF_STREAM;
    frame.end_of_stream = &eos;
    return kw_send(c, &frame, deadline);
}

/* Answers a ping from the server. */
static kiosk_status_t send_pong(kiosk_client *c, uint64_t payload) {
    Kiosk__Wire__V1__Pong pong = KIOSK__WIRE__V1__PONG__INIT;
    pong.payload = payload;
    Kiosk__Wire__V1__Frame frame = KIOSK__WIRE__V1__FRAME__INIT;
    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_PONG;
    frame.pong = &pong;
    return kw_send(c, &frame, kc_now_ms() + c->options.write_timeout_ms);
}

/*
 * Reads until a frame that concerns the caller arrives: a message or status of call `call_id`
 * (when non-zero), or the pong for `ping_payload` (when call_id is 0). Connection-level frames are
 * handled here; frames of other (abandoned) calls are skipped.
 */
kiosk_status_t kc_read_for(kiosk_client *c, uint32_t call_id, uint64_t ping_payload, int64_t deadline_ms,
                           Kiosk__Wire__V1__Frame **out) {
    for (;;) {
        Kiosk__Wire__V1__Frame *f = NULL;
        kiosk_status_t rc = kw_receive(c, deadline_ms, &f);
        if (rc != KIOSK_OK) return rc;
        switch (f->kind_case) {
        case KIOSK__WIRE__V1__FRAME__KIND_PING:
            rc = send_pong(c, f->ping->payload);
            break;
        case KIOSK__WIRE__V1__FRAME__KIND_PONG:
            if (call_id == 0 && f->pong->payload == ping_payload) {
                *out = f;
                return KIOSK_OK;
            }
            break;
        case KIOSK__WIRE__V1__FRAME__KIND_GO_AWAY:
            c->going_away = 1;
            c->go_away_last_call_id = f->go_away->last_call_id;
            if (call_id == 0 || call_id > f->go_away->last_call_id) {
                rc = kc_fail(c, KIOSK_ERR_GOING_AWAY, "the server is going away: %s", f->go_away->reason);
                kc_drop(c);
            }
            break;
        case KIOSK__WIRE__V1__FRAME__KIND_CONNECTION_ERROR:
            rc = kc_fail(c, KIOSK_ERR_CONNECTION_REFUSED, "the server closed the connection: %s: %s",
                         connection_error_name(f->connection_error->code), f->connection_error->message);
            kc_drop(c);
            break;
        case KIOSK__WIRE__V1__FRAME__KIND_HEADERS:
            break;
        case KIOSK__WIRE__V1__FRAME__KIND_MESSAGE:
        case KIOSK__WIRE__V1__FRAME__KIND_STATUS:
            if (call_id != 0 && f->call_id == call_id) {
                *out = f;
                return KIOSK_OK;
            }
            break;
        default:
            rc = kc_fail(c, KIOSK_ERR_PROTOCOL, "the server sent an unexpected frame kind %d", f->kind_case);
            kc_drop(c);
            break;
        }
        kiosk__wire__v1__frame__free_unpacked(f, NULL);
        if (rc != KIOSK_OK) return rc;
    }
}

/* Records a status frame as the client's last status. */
kiosk_status_t kc_record_status(kiosk_client *c, const Kiosk__Wire__V1__Status *s) {
    char *message = kc_strdup(s->message);
    if (!message) return kc_fail(c, KIOSK_ERR_NO_MEMORY, "out of memory");
    free(c->status_message);
    c->status_message = message;
    c->status_code = s->code;
    if (s->code == 0) return KIOSK_OK;
    return kc_fail(c, KIOSK_ERR_STATUS, "%s: %s", kiosk_code_name(s->code), s->message);
}

/* One attempt of a unary call. */
static kiosk_status_t unary_once(kiosk_client *c, const char *method, const char *key, const uint8_t *request,
                                 size_t request_len, uint8_t **response, size_t *response_len) {
    uint32_t call_id = 0;
    kiosk_status_t rc = begin_call(c, method, key, request, request_len, &call_id);
    if (rc != KIOSK_OK) return rc;
    int64_t deadline = kc_now_ms() + c->options.call_timeout_ms + 1000;
    uint8_t *data = NULL;
    size_t len = 0;
    int have_message = 0;
    for (;;) {
        Kiosk__Wire__V1__Frame *f = NULL;
        rc = kc_read_for(c, call_id, 0, deadline, &f);
        if (rc == KIOSK_ERR_TIMEOUT) kc_drop(c); /* the call's answer may still come: start afresh */
        if (rc != KIOSK_OK) break;
        if (f->kind_case == KIOSK__WIRE__V1__FRAME__KIND_MESSAGE) {
            free(data);
            len = f->message->data.len;
            data = malloc(len ? len : 1);
            if (data) memcpy(data, f->message->data.data, len);
            have_message = 1;
            kiosk__wire__v1__frame__free_unpacked(f, NULL);
            if (!data) {
                rc = kc_fail(c, KIOSK_ERR_NO_MEMORY, "out of memory");
                break;
            }
            continue;
        }
        rc = kc_record_status(c, f->status);
        kiosk__wire__v1__frame__free_unpacked(f, NULL);
        if (rc == KIOSK_OK && !have_message) rc = kc_fail(c, KIOSK_ERR_PROTOCOL, "status OK without a response");
        break;
    }
    if (c->going_away && c->fd >= 0) kc_drop(c); /* the server closes once our call is done */
    if (rc == KIOSK_OK) {
        *response = data;
        *response_len = len;
        return succeed(c);
    }
    free(data);
    return rc;
}

kiosk_status_t kiosk_client_call_bytes(kiosk_client *c, const char *method, const char *key, const uint8_t *request,
                                       size_t request_len, uint8_t **response, size_t *response_len) {
    if (!c || !method || method[0] != '/' || !response || !response_len || (!request && request_len))
        return c ? kc_fail(c, KIOSK_ERR_ARGUMENT, "invalid argument") : KIOSK_ERR_ARGUMENT;
    if (c->busy) return kc_fail(c, KIOSK_ERR_BUSY, "a stream is open on this client");
    *response = NULL;
    *response_len = 0;
    uint32_t backoff = c->options.backoff_initial_ms;
    for (uint32_t attempt = 1;; attempt++) {
        kiosk_status_t rc = unary_once(c, method, key, request, request_len, response, response_len);
        /* Refused before it ran (go_away, UNAVAILABLE) is always safe to resend; a broken connection
         * only with an idempotency key, as the server may have done the work. */
        int retry = rc == KIOSK_ERR_GOING_AWAY ||
                    (rc == KIOSK_ERR_STATUS && c->status_code == KIOSK_CODE_UNAVAILABLE) ||
                    (key && (rc == KIOSK_ERR_IO || rc == KIOSK_ERR_TIMEOUT));
        if (!retry || attempt >= c->options.connect_attempts) return rc;
        kc_sleep_ms(backoff);
        backoff = backoff > c->options.backoff_max_ms / 2 ? c->options.backoff_max_ms : backoff * 2;
    }
}

kiosk_status_t kiosk_client_call(kiosk_client *c, const char *method, const char *key,
                                 const ProtobufCMessage *request, const ProtobufCMessageDescriptor *response_type,
                                 ProtobufCMessage **response) {
    if (!c || !request || !response_type || !response) return c ? kc_fail(c, KIOSK_ERR_ARGUMENT, "invalid argument") : KIOSK_ERR_ARGUMENT;
    *response = NULL;
    size_t size = protobuf_c_message_get_packed_size(request);
    uint8_t *bytes = malloc(size ? size : 1);
    if (!bytes) return kc_fail(c, KIOSK_ERR_NO_MEMORY, "out of memory");
    protobuf_c_message_pack(request, bytes);
    uint8_t *answer = NULL;
    size_t answer_len = 0;
    kiosk_status_t rc = kiosk_client_call_bytes(c, method, key, bytes, size, &answer, &answer_len);
    free(bytes);
    if (rc != KIOSK_OK) return rc;
    *response = protobuf_c_message_unpack(response_type, NULL, answer_len, answer);
    free(answer);
    if (!*response) return kc_fail(c, KIOSK_ERR_DECODE, "the response does not parse as %s", response_type->name);
    return KIOSK_OK;
}

kiosk_status_t kiosk_client_sign_in(kiosk_client *c, const char *worker_id, const char *pin) {
    if (!c || !worker_id || !pin) return c ? kc_fail(c, KIOSK_ERR_ARGUMENT, "invalid argument") : KIOSK_ERR_ARGUMENT;
    Kiosk__Core__V1__SignInRequest request = KIOSK__CORE__V1__SIGN_IN_REQUEST__INIT;
    request.worker_id = (char *)worker_id;
    request.pin = (char *)pin;
    ProtobufCMessage *answer = NULL;
    kiosk_client_set_session_token(c, NULL);
    kiosk_status_t rc = kiosk_client_call(c, "/kiosk.core.v1.Session/SignIn", NULL, &request.base,
                                          &kiosk__core__v1__sign_in_response__descriptor, &answer);
    if (rc != KIOSK_OK) return rc;
    rc = kiosk_client_set_session_token(c, ((Kiosk__Core__V1__SignInResponse *)answer)->session_token);
    protobuf_c_message_free_unpacked(answer, NULL);
    return rc;
}

kiosk_status_t kiosk_client_sign_out(kiosk_client *c) {
    if (!c) return KIOSK_ERR_ARGUMENT;
    Kiosk__Core__V1__SignOutRequest request = KIOSK__CORE__V1__SIGN_OUT_REQUEST__INIT;
    ProtobufCMessage *answer = NULL;
    kiosk_status_t rc = kiosk_client_call(c, "/kiosk.core.v1.Session/SignOut", NULL, &request.base,
                                          &kiosk__core__v1__sign_out_response__descriptor, &answer);
    if (answer) protobuf_c_message_free_unpacked(answer, NULL);
    if (rc == KIOSK_OK) kiosk_client_set_session_token(c, NULL);
    return rc;
}

kiosk_status_t kiosk_client_ping(kiosk_client *c) {
    if (!c) return KIOSK_ERR_ARGUMENT;
    if (c->busy) return kc_fail(c, KIOSK_ERR_BUSY, "a stream is open on this client");
    kiosk_status_t rc = ensure_connected(c);
    if (rc != KIOSK_OK) return rc;
    Kiosk__Wire__V1__Ping ping = KIOSK__WIRE__V1__PING__INIT;
    ping.payload = ++c->next_ping_payload;
    Kiosk__Wire__V1__Frame frame = KIOSK__WIRE__V1__FRAME__INIT;
    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_PING;
    frame.ping = &ping;
    int64_t deadline = kc_now_ms() + c->options.call_timeout_ms;
    if ((rc = kw_send(c, &frame, deadline)) != KIOSK_OK) return rc;
    Kiosk__Wire__V1__Frame *pong = NULL;
    rc = kc_read_for(c, 0, ping.payload, deadline, &pong);
    if (rc == KIOSK_ERR_TIMEOUT) kc_drop(c);
    if (rc != KIOSK_OK) return rc;
    kiosk__wire__v1__frame__free_unpacked(pong, NULL);
    return succeed(c);
}

/* Opens a call for kiosk_stream_open (stream.c). */
kiosk_status_t kc_begin_stream(kiosk_client *c, const char *method, const uint8_t *request, size_t len,
                               uint32_t *call_id) {
    return begin_call(c, method, NULL, request, len, call_id);
}

kiosk_status_t kiosk_new_idempotency_key(char key[33]) {
    if (!key) return KIOSK_ERR_ARGUMENT;
    unsigned char random[16];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return KIOSK_ERR_IO;
    size_t got = 0;
    while (got < sizeof random) {
        ssize_t n = read(fd, random + got, sizeof random - got);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            close(fd);
            return KIOSK_ERR_IO;
        }
        got += (size_t)n;
    }
    close(fd);
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof random; i++) {
        key[2 * i] = hex[random[i] >> 4];
        key[2 * i + 1] = hex[random[i] & 15];
    }
    key[32] = '\0';
    return KIOSK_OK;
}
