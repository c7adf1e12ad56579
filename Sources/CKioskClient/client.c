/* The client handle, unary calls and ping; connecting is in connect.c. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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
    kt_close(c->transport);
    c->going_away = 0;
    c->busy = 0;
}

int kc_is_open(const kiosk_client *c) { return kt_is_open(c->transport); }

void kc_sleep_ms(uint32_t ms) {
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
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
        "KIOSK_ERR_GOING_AWAY", "KIOSK_ERR_STATUS", "KIOSK_ERR_DECODE", "KIOSK_ERR_STORAGE", "KIOSK_ERR_BUSY",
        "KIOSK_ERR_TLS"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "KIOSK_ERR_UNKNOWN";
}

const char *kiosk_code_name(uint32_t code) {
    static const char *const names[] = {
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
    return code < sizeof names / sizeof names[0] ? names[code] : "UNKNOWN_CODE";
}

const char *kiosk_connection_error_name(uint32_t code) {
    static const char *const names[] = {"NONE", "MALFORMED_FRAME", "FRAME_TOO_LARGE", "PROTOCOL_VIOLATION",
                                        "UNSUPPORTED_VERSION", "UNAUTHENTICATED", "TIMEOUT", "OVERLOADED",
                                        "TRUNCATED_FRAME"};
    return code < sizeof names / sizeof names[0] ? names[code] : "UNKNOWN_CONNECTION_ERROR";
}

void kc_clear_connection_error(kiosk_client *c) {
    c->connection_error_code = 0;
    c->connection_error_message[0] = '\0';
}

kiosk_status_t kiosk_client_new(const char *host, uint16_t port, const char *kiosk_id, const char *credential,
                                const kiosk_options *options, kiosk_client **out) {
    if (!out) return KIOSK_ERR_ARGUMENT;
    *out = NULL;
    if (!host || !*host || !kiosk_id || !*kiosk_id || !credential || !*credential || port == 0)
        return KIOSK_ERR_ARGUMENT;
    kiosk_client *c = calloc(1, sizeof *c);
    if (!c) return KIOSK_ERR_NO_MEMORY;
    if (options) c->options = *options; else kiosk_options_init(&c->options);
    if (c->options.connect_attempts == 0) c->options.connect_attempts = 1;
    if (c->options.max_frame_bytes == 0) c->options.max_frame_bytes = DEFAULT_MAX_FRAME_BYTES;
    const char *agent = options && options->client_agent ? options->client_agent : "kiosk-c/1";
    c->host = kc_strdup(host);
    c->kiosk_id = kc_strdup(kiosk_id);
    c->credential = kc_strdup(credential);
    c->client_agent = kc_strdup(agent);
    c->status_message = kc_strdup("");
    const char *ca_file = c->options.ca_file, *pin = c->options.ca_fingerprint_sha256;
    c->ca_file = ca_file && *ca_file ? kc_strdup(ca_file) : NULL;
    c->ca_fingerprint_sha256 = pin && *pin ? kc_strdup(pin) : NULL;
    /* The client keeps its own copies; the caller's strings may go away. */
    c->options.client_agent = c->options.ca_file = c->options.ca_fingerprint_sha256 = NULL;
    c->port = port;
    c->max_frame_bytes = c->options.max_frame_bytes;
    if (!c->host || !c->kiosk_id || !c->credential || !c->client_agent || !c->status_message ||
        (ca_file && *ca_file && !c->ca_file) || (pin && *pin && !c->ca_fingerprint_sha256)) {
        kiosk_client_free(c);
        return KIOSK_ERR_NO_MEMORY;
    }
    *out = c;
    return KIOSK_OK;
}

void kiosk_client_free(kiosk_client *c) {
    if (!c) return;
    kt_free(c->transport);
    free(c->host);
    free(c->kiosk_id);
    free(c->credential);
    free(c->client_agent);
    free(c->ca_file);
    free(c->ca_fingerprint_sha256);
    free(c->server_agent);
    free(c->session_token);
    if (c->sign_in) protobuf_c_message_free_unpacked(c->sign_in, NULL);
    free(c->status_message);
    free(c);
}

const char *kiosk_client_error(const kiosk_client *c) { return c ? c->error : "no client"; }
int kiosk_client_is_connected(const kiosk_client *c) { return c && kc_is_open(c) && !c->going_away; }
int kiosk_client_uses_tls(const kiosk_client *c) { return c && c->ca_file; }
uint32_t kiosk_client_server_max_frame_bytes(const kiosk_client *c) { return c ? c->server_max_frame_bytes : 0; }
const char *kiosk_client_server_agent(const kiosk_client *c) { return c && c->server_agent ? c->server_agent : ""; }
uint32_t kiosk_client_status_code(const kiosk_client *c) { return c ? c->status_code : 0; }
const char *kiosk_client_status_message(const kiosk_client *c) { return c ? c->status_message : ""; }
uint32_t kiosk_client_connection_error_code(const kiosk_client *c) { return c ? c->connection_error_code : 0; }
const char *kiosk_client_connection_error_message(const kiosk_client *c) {
    return c ? c->connection_error_message : "";
}
uint32_t kc_last_call_sends(const kiosk_client *c) { return c->sends; }

void kiosk_client_close(kiosk_client *c) {
    if (c) kc_drop(c);
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
    kiosk_status_t rc = kc_ensure_connected(c);
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
    int64_t deadline = kt_now_ms() + c->options.write_timeout_ms;

    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_HEADERS;
    frame.headers = &headers;
    rc = kc_send(c, &frame, deadline);
    free(bearer);
    if (rc != KIOSK_OK) return rc;
    c->sends++;
    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_MESSAGE;
    frame.message = &message;
    if ((rc = kc_send(c, &frame, deadline)) != KIOSK_OK) return rc;
    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_END_OF_STREAM;
    frame.end_of_stream = &eos;
    return kc_send(c, &frame, deadline);
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
        kiosk_status_t rc = kc_receive(c, deadline_ms, &f);
        if (rc != KIOSK_OK) return rc;
        switch (f->kind_case) {
        case KIOSK__WIRE__V1__FRAME__KIND_PING:
            rc = kc_send_pong(c, f->ping->payload);
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
            kc_keep_connection_error(c, f->connection_error);
            rc = kc_fail(c, KIOSK_ERR_CONNECTION_REFUSED, "the server closed the connection: %s: %s",
                         kiosk_connection_error_name(c->connection_error_code), c->connection_error_message);
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

/* One attempt of a unary call; *sent says whether the request left (its headers were written). */
static kiosk_status_t unary_once(kiosk_client *c, const char *method, const char *key, const uint8_t *request,
                                 size_t request_len, uint8_t **response, size_t *response_len, int *sent) {
    uint32_t call_id = 0;
    uint32_t sends = c->sends;
    kiosk_status_t rc = begin_call(c, method, key, request, request_len, &call_id);
    *sent = c->sends > sends;
    if (rc != KIOSK_OK) return rc;
    int64_t deadline = kt_now_ms() + c->options.call_timeout_ms + 1000;
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
    if (c->going_away && kc_is_open(c)) kc_drop(c); /* the server closes once our call is done */
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
    if (!c) return KIOSK_ERR_ARGUMENT;
    c->sends = 0;
    if (!method || method[0] != '/' || !response || !response_len || (!request && request_len))
        return kc_fail(c, KIOSK_ERR_ARGUMENT, "invalid argument");
    if (c->busy) return kc_fail(c, KIOSK_ERR_BUSY, "a stream is open on this client");
    *response = NULL;
    *response_len = 0;
    uint32_t backoff = c->options.backoff_initial_ms;
    for (uint32_t attempt = 1;; attempt++) {
        kc_clear_connection_error(c);
        int sent = 0;
        kiosk_status_t rc = unary_once(c, method, key, request, request_len, response, response_len, &sent);
        /* Refused before it ran (go_away, UNAVAILABLE, or an idle connection the server closed with
         * TIMEOUT just as the request left: it closes only connections with no call open) is always
         * safe to resend; a broken connection only with an idempotency key, as the server may have
         * done the work. */
        int retry = rc == KIOSK_ERR_GOING_AWAY ||
                    (rc == KIOSK_ERR_STATUS && c->status_code == KIOSK_CODE_UNAVAILABLE) ||
                    (rc == KIOSK_ERR_CONNECTION_REFUSED && sent &&
                     c->connection_error_code == KIOSK_CONNECTION_ERROR_TIMEOUT) ||
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

kiosk_status_t kiosk_client_ping(kiosk_client *c) {
    if (!c) return KIOSK_ERR_ARGUMENT;
    if (c->busy) return kc_fail(c, KIOSK_ERR_BUSY, "a stream is open on this client");
    kc_clear_connection_error(c);
    kiosk_status_t rc = kc_ensure_connected(c);
    if (rc != KIOSK_OK) return rc;
    Kiosk__Wire__V1__Ping ping = KIOSK__WIRE__V1__PING__INIT;
    ping.payload = ++c->next_ping_payload;
    Kiosk__Wire__V1__Frame frame = KIOSK__WIRE__V1__FRAME__INIT;
    frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_PING;
    frame.ping = &ping;
    int64_t deadline = kt_now_ms() + c->options.call_timeout_ms;
    if ((rc = kc_send(c, &frame, deadline)) != KIOSK_OK) return rc;
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
