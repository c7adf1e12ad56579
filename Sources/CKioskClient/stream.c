/* Server-streaming calls: one request, then messages until a status. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <stdlib.h>

struct kiosk_stream {
    kiosk_client *client;
    uint32_t call_id;
    int done;
};

kiosk_status_t kiosk_stream_open(kiosk_client *c, const char *method, const ProtobufCMessage *request,
                                 kiosk_stream **out) {
    if (!c || !method || method[0] != '/' || !request || !out)
        return c ? kc_fail(c, KIOSK_ERR_ARGUMENT, "invalid argument") : KIOSK_ERR_ARGUMENT;
    *out = NULL;
    if (c->busy) return kc_fail(c, KIOSK_ERR_BUSY, "a stream is open on this client");
    kc_clear_connection_error(c);
    kiosk_stream *s = calloc(1, sizeof *s);
    size_t size = protobuf_c_message_get_packed_size(request);
    uint8_t *bytes = malloc(size ? size : 1);
    if (!s || !bytes) {
        free(s);
        free(bytes);
        return kc_fail(c, KIOSK_ERR_NO_MEMORY, "out of memory");
    }
    protobuf_c_message_pack(request, bytes);
    kiosk_status_t rc = kc_begin_stream(c, method, bytes, size, &s->call_id);
    free(bytes);
    if (rc != KIOSK_OK) {
        free(s);
        return rc;
    }
    s->client = c;
    c->busy = 1;
    *out = s;
    return KIOSK_OK;
}

kiosk_status_t kiosk_stream_next(kiosk_stream *s, const ProtobufCMessageDescriptor *type, uint32_t timeout_ms,
                                 ProtobufCMessage **message) {
    if (!s || !type || !message) return KIOSK_ERR_ARGUMENT;
    kiosk_client *c = s->client;
    *message = NULL;
    if (s->done) return kc_fail(c, KIOSK_ERR_ARGUMENT, "the stream has ended");
    kc_clear_connection_error(c);
    Kiosk__Wire__V1__Frame *f = NULL;
    kiosk_status_t rc = kc_read_for(c, s->call_id, 0, kt_now_ms() + timeout_ms, &f);
    if (rc == KIOSK_ERR_TIMEOUT && kc_is_open(c)) return rc;
    if (rc != KIOSK_OK) {
        s->done = 1;
        c->busy = 0;
        return rc;
    }
    if (f->kind_case == KIOSK__WIRE__V1__FRAME__KIND_MESSAGE) {
        *message = protobuf_c_message_unpack(type, NULL, f->message->data.len, f->message->data.data);
        kiosk__wire__v1__frame__free_unpacked(f, NULL);
        return *message ? KIOSK_OK : kc_fail(c, KIOSK_ERR_DECODE, "a stream message does not parse as %s", type->name);
    }
    rc = kc_record_status(c, f->status);
    kiosk__wire__v1__frame__free_unpacked(f, NULL);
    s->done = 1;
    c->busy = 0;
    if (c->going_away) kc_drop(c);
    return rc == KIOSK_OK ? KIOSK_END : rc;
}

void kiosk_stream_free(kiosk_stream *s) {
    if (!s) return;
    kiosk_client *c = s->client;
    if (!s->done && kc_is_open(c)) {
        /* Abandon the call; its late frames are skipped by later reads. */
        Kiosk__Wire__V1__Cancel cancel = KIOSK__WIRE__V1__CANCEL__INIT;
        Kiosk__Wire__V1__Frame frame = KIOSK__WIRE__V1__FRAME__INIT;
        frame.call_id = s->call_id;
        frame.kind_case = KIOSK__WIRE__V1__FRAME__KIND_CANCEL;
        frame.cancel = &cancel;
        kc_send(c, &frame, kt_now_ms() + c->options.write_timeout_ms);
    }
    if (!s->done) c->busy = 0;
    free(s);
}
