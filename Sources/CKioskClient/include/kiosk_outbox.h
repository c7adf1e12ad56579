/*
 * kiosk_outbox.h: submissions that survive bad links and power cuts.
 *
 * A submission (a call that changes data) is first written, with a fresh idempotency key, to a
 * SQLite file on the kiosk (synchronous=FULL: once kiosk_outbox_add returns, it survives a power
 * cut). kiosk_outbox_flush then sends every entry the server has not answered yet, in the order they
 * were added; the server's idempotency records make each land exactly once however often it is
 * resent. Call kiosk_outbox_flush after adding, after (re)connecting and at start-up.
 */
#ifndef KIOSK_OUTBOX_H
#define KIOSK_OUTBOX_H

#include "kiosk_client.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kiosk_outbox kiosk_outbox;

/* Where an entry is. */
typedef enum kiosk_outbox_state {
    /* Stored; not sent yet, or sent without a final answer (to be resent). */
    KIOSK_OUTBOX_PENDING = 0,
    /* The server answered with a final status (OK or a refusal such as INVALID_ARGUMENT). */
    KIOSK_OUTBOX_ANSWERED = 1
} kiosk_outbox_state;

/* One entry, as kiosk_outbox_get and kiosk_outbox_list show it. Pointers are owned by the outbox. */
typedef struct kiosk_outbox_entry {
    int64_t seq;
    const char *idempotency_key;
    const char *method;
    const char *label;
    kiosk_outbox_state state;
    /* How often its request was sent to the server; a flush that could not connect adds nothing. */
    int64_t attempts;
    /* ANSWERED entries: the final status and, when OK, the serialized response. PENDING entries:
     * the last "try again" status (e.g. UNAVAILABLE) with its message, or code 0 and why the last
     * flush got no answer ("" before the first flush). */
    uint32_t status_code;
    const char *status_message;
    const uint8_t *response;
    size_t response_len;
    int64_t created_at_unix;
} kiosk_outbox_entry;

/*
 * Opens (creating if needed) the outbox file at `path`. *out is set even on failure (unless memory
 * ran out) so that kiosk_outbox_error() can say why; free it with kiosk_outbox_close().
 */
kiosk_status_t kiosk_outbox_open(const char *path, kiosk_outbox **out);

/* Closes the file and frees the handle. NULL is allowed. */
void kiosk_outbox_close(kiosk_outbox *outbox);

/* The message of the last failure on this outbox ("" after success). */
const char *kiosk_outbox_error(const kiosk_outbox *outbox);

/*
 * Stores a submission durably. `label` is a short note for people, e.g. "register child" (never
 * personal data); may be NULL. On success key_out (33 bytes, may be NULL) gets its idempotency key.
 */
kiosk_status_t kiosk_outbox_add(kiosk_outbox *outbox, const char *method, const ProtobufCMessage *request,
                                const char *label, char key_out[33]);

/* The same with an already serialized request. */
kiosk_status_t kiosk_outbox_add_bytes(kiosk_outbox *outbox, const char *method, const uint8_t *request,
                                      size_t request_len, const char *label, char key_out[33]);

/*
 * Sends every pending entry through `client`, oldest first, and records each final answer.
 * Answers that mean "try again" (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, CANCELLED,
 * UNAUTHENTICATED: sign in again) leave the entry pending. Stops at the first connection failure
 * and returns its code; the entries not sent stay pending. `answered` and `pending` (may be NULL)
 * get how many entries this flush answered and how many are still pending.
 */
kiosk_status_t kiosk_outbox_flush(kiosk_outbox *outbox, kiosk_client *client, size_t *answered, size_t *pending);

/* How many entries are pending (-1 on a storage failure). */
int64_t kiosk_outbox_pending_count(kiosk_outbox *outbox);

/*
 * Looks up an entry by key; the entry's pointers stay valid until the next call on the outbox.
 * Returns KIOSK_ERR_ARGUMENT when there is no such entry.
 */
kiosk_status_t kiosk_outbox_get(kiosk_outbox *outbox, const char *idempotency_key, kiosk_outbox_entry *entry);

/* The response of an answered OK entry, parsed as `type`; free with protobuf_c_message_free_unpacked. */
kiosk_status_t kiosk_outbox_response(kiosk_outbox *outbox, const char *idempotency_key,
                                     const ProtobufCMessageDescriptor *type, ProtobufCMessage **response);

/*
 * The stored request of an entry (pending or answered), parsed as `type`; free it with
 * protobuf_c_message_free_unpacked. For a kiosk that lets a worker correct a refused submission and
 * send it again (as a new entry), or confirm a registration the server answered with candidates.
 * KIOSK_ERR_ARGUMENT when there is no such entry, KIOSK_ERR_DECODE when it does not parse as `type`.
 */
kiosk_status_t kiosk_outbox_request(kiosk_outbox *outbox, const char *idempotency_key,
                                    const ProtobufCMessageDescriptor *type, ProtobufCMessage **request);

/* Calls `visit` for every entry, oldest first; a non-zero return from visit stops the walk. */
typedef int (*kiosk_outbox_visitor)(const kiosk_outbox_entry *entry, void *context);
kiosk_status_t kiosk_outbox_list(kiosk_outbox *outbox, kiosk_outbox_visitor visit, void *context);

/* Deletes answered entries (the kiosk has shown or used their answers). Pending ones are kept. */
kiosk_status_t kiosk_outbox_prune(kiosk_outbox *outbox);

#ifdef __cplusplus
}
#endif

#endif
