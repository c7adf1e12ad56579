/* The `kiosk` commands that change data: each goes through the outbox, then is sent if it can be. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "kiosk/core/v1/applications.pb-c.h"
#include "kiosk/core/v1/children.pb-c.h"
#include "print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_flush(app *a, int verbose) {
    int64_t waiting = kiosk_outbox_pending_count(a->outbox);
    if (waiting <= 0 && !verbose) return 0;
    size_t answered = 0, pending = 0;
    kiosk_status_t rc = kiosk_outbox_flush(a->outbox, a->client, &answered, &pending);
    if (verbose || answered || pending)
        fprintf(stderr, "outbox: %zu answered now, %zu waiting\n", answered, pending);
    if (rc != KIOSK_OK) fprintf(stderr, "outbox: %s\n", kiosk_outbox_error(a->outbox));
    return rc == KIOSK_OK ? 0 : CLI_FAILED;
}

/* Stores a submission, tries to send it, and says what became of it. */
static int submit(app *a, const char *method, const uint8_t *bytes, size_t len, const char *label,
                  const ProtobufCMessageDescriptor *type) {
    char key[33];
    if (kiosk_outbox_add_bytes(a->outbox, method, bytes, len, label, key) != KIOSK_OK) {
        fprintf(stderr, "kiosk: %s\n", kiosk_outbox_error(a->outbox));
        return CLI_FAILED;
    }
    cli_flush(a, 0);
    kiosk_outbox_entry e;
    if (kiosk_outbox_get(a->outbox, key, &e) != KIOSK_OK) {
        fprintf(stderr, "kiosk: %s\n", kiosk_outbox_error(a->outbox));
        return CLI_FAILED;
    }
    if (e.state == KIOSK_OUTBOX_PENDING) {
        printf("saved in the outbox (key %s); it will be sent when the server can be reached\n", key);
        return 0;
    }
    if (e.status_code != 0) {
        fprintf(stderr, "kiosk: refused: %s: %s\n", kiosk_code_name(e.status_code), e.status_message);
        return CLI_REFUSED;
    }
    ProtobufCMessage *answer = NULL;
    if (type && kiosk_outbox_response(a->outbox, key, type, &answer) == KIOSK_OK) {
        kiosk_print_message(stdout, answer, 0);
        protobuf_c_message_free_unpacked(answer, NULL);
    } else {
        printf("done (key %s, %zu bytes of answer)\n", key, e.response_len);
    }
    return 0;
}

static int submit_message(app *a, const char *method, const ProtobufCMessage *request, const char *label,
                          const ProtobufCMessageDescriptor *type) {
    size_t size = protobuf_c_message_get_packed_size(request);
    uint8_t *bytes = malloc(size ? size : 1);
    if (!bytes) return CLI_FAILED;
    protobuf_c_message_pack(request, bytes);
    int status = submit(a, method, bytes, size, label, type);
    free(bytes);
    return status;
}

int cli_submit_message(app *a, const char *method, const ProtobufCMessage *request, const char *label,
                       const ProtobufCMessageDescriptor *type) {
    return submit_message(a, method, request, label, type);
}

/* An enum value from a word on the command line: "approve" with prefix "APPLICATION_ACTION_". */
static int parse_enum(const ProtobufCEnumDescriptor *d, const char *prefix, const char *word, int *out) {
    char name[96];
    snprintf(name, sizeof name, "%s%s", prefix, word);
    for (char *p = name; *p; p++) *p = (*p == '-') ? '_' : (char)((*p >= 'a' && *p <= 'z') ? *p - 32 : *p);
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value_by_name(d, name);
    if (!v || v->value == 0) {
        fprintf(stderr, "kiosk: unknown value %s\n", word);
        return 0;
    }
    *out = v->value;
    return 1;
}

/* The hukou word of `register`: there is no default, as a wrong one would hide the unregistered category. */
static int parse_hukou(const char *word, Kiosk__Core__V1__HukouStatus *out) {
    static const struct { const char *word; Kiosk__Core__V1__HukouStatus value; } words[] = {
        {"local", KIOSK__CORE__V1__HUKOU_STATUS__HUKOU_STATUS_REGISTERED_LOCAL},
        {"elsewhere", KIOSK__CORE__V1__HUKOU_STATUS__HUKOU_STATUS_REGISTERED_ELSEWHERE},
        {"unregistered", KIOSK__CORE__V1__HUKOU_STATUS__HUKOU_STATUS_UNREGISTERED},
    };
    for (size_t i = 0; word && i < sizeof words / sizeof words[0]; i++) {
        if (!strcmp(word, words[i].word)) {
            *out = words[i].value;
            return 1;
        }
    }
    if (word) fprintf(stderr, "kiosk: register: unknown HUKOU '%s'\n", word);
    else fputs("kiosk: register: HUKOU is missing after VILLAGE\n", stderr);
    fputs("kiosk: HUKOU must be local (registered in this county), elsewhere (registered in another county)\n"
          "or unregistered (no household registration); there is no default\n", stderr);
    return 0;
}

int cli_register(app *a, int argc, char **argv) {
    Kiosk__Core__V1__ChildDetails d = KIOSK__CORE__V1__CHILD_DETAILS__INIT;
    Kiosk__Core__V1__RegisterChildRequest r = KIOSK__CORE__V1__REGISTER_CHILD_REQUEST__INIT;
    int positional = 0;
    char *words[6] = {0};
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--not-duplicate")) r.confirmed_not_duplicate = 1;
        else if (positional < 6) words[positional++] = argv[i];
        else return fprintf(stderr, "kiosk: register: too many arguments\n"), CLI_USAGE;
    }
    if (positional < 4) {
        fputs("usage: kiosk register NAME m|f BIRTH_DATE VILLAGE HUKOU [IDENTITY_NUMBER] [--not-duplicate]\n", stderr);
        return CLI_USAGE;
    }
    if (strcmp(words[1], "m") && strcmp(words[1], "f"))
        return fprintf(stderr, "kiosk: register: sex is m or f, not '%s'\n", words[1]), CLI_USAGE;
    if (!parse_hukou(words[4], &d.hukou_status)) return CLI_USAGE;
    d.name = words[0];
    d.sex = words[1][0] == 'f' ? KIOSK__CORE__V1__SEX__SEX_FEMALE : KIOSK__CORE__V1__SEX__SEX_MALE;
    d.birth_date = words[2];
    d.village = words[3];
    if (words[5]) d.identity_number = words[5];
    r.details = &d;
    return submit_message(a, "/kiosk.core.v1.Children/RegisterChild", &r.base, "register child",
                          &kiosk__core__v1__register_child_response__descriptor);
}

int cli_visit(app *a, int argc, char **argv) {
    if (argc < 4) return fputs("usage: kiosk visit CHILD_ID DATE low|medium|high OBSERVATIONS [FOLLOW_UP_DATE]\n", stderr), CLI_USAGE;
    Kiosk__Core__V1__RecordVisitRequest r = KIOSK__CORE__V1__RECORD_VISIT_REQUEST__INIT;
    int risk = 0;
    if (!parse_enum(&kiosk__core__v1__risk_level__descriptor, "RISK_LEVEL_", argv[2], &risk)) return CLI_USAGE;
    r.child_id = argv[0];
    r.visit_date = argv[1];
    r.risk_level = (Kiosk__Core__V1__RiskLevel)risk;
    r.observations = argv[3];
    if (argc > 4) r.follow_up_date = argv[4];
    return submit_message(a, "/kiosk.core.v1.Children/RecordVisit", &r.base, "record visit",
                          &kiosk__core__v1__record_visit_response__descriptor);
}

int cli_transition(app *a, int argc, char **argv) {
    if (argc < 2) return fputs("usage: kiosk transition APPLICATION_ID ACTION [REASON]\n", stderr), CLI_USAGE;
    Kiosk__Core__V1__TransitionApplicationRequest r = KIOSK__CORE__V1__TRANSITION_APPLICATION_REQUEST__INIT;
    int action = 0;
    if (!parse_enum(&kiosk__core__v1__application_action__descriptor, "APPLICATION_ACTION_", argv[1], &action))
        return CLI_USAGE;
    r.application_id = argv[0];
    r.action = (Kiosk__Core__V1__ApplicationAction)action;
    if (argc > 2) r.reason = argv[2];
    return submit_message(a, "/kiosk.core.v1.Applications/TransitionApplication", &r.base, "transition application",
                          &kiosk__core__v1__transition_application_response__descriptor);
}

int cli_submit_file(app *a, int argc, char **argv) {
    if (argc < 2) return fputs("usage: kiosk submit METHOD REQUEST_FILE [LABEL]\n", stderr), CLI_USAGE;
    FILE *f = fopen(argv[1], "rb");
    if (!f) return perror(argv[1]), 66;
    enum { limit = 1 << 20 };
    uint8_t *bytes = malloc(limit + 1);
    size_t len = bytes ? fread(bytes, 1, limit + 1, f) : 0;
    fclose(f);
    int status;
    if (!bytes) status = CLI_FAILED;
    else if (len > limit) status = (fprintf(stderr, "kiosk: %s is larger than 1 MiB\n", argv[1]), CLI_USAGE);
    else status = submit(a, argv[0], bytes, len, argc > 2 ? argv[2] : "submission", NULL);
    free(bytes);
    return status;
}

/* One line per entry: seq, key, state, method, label, then the answer or the sends so far. */
static int print_entry(const kiosk_outbox_entry *e, void *context) {
    ++*(size_t *)context;
    printf("%-4lld %s  %-8s %-34s %-22s ", (long long)e->seq, e->idempotency_key,
           e->state == KIOSK_OUTBOX_PENDING ? "waiting" : "answered", e->method, e->label);
    if (e->state == KIOSK_OUTBOX_ANSWERED && e->status_code == 0)
        printf("-> OK\n");
    else if (e->state == KIOSK_OUTBOX_ANSWERED)
        printf("-> %s: %s\n", kiosk_code_name(e->status_code), e->status_message);
    else if (e->status_code != 0)
        printf("(sent %lld times; last: %s: %s)\n", (long long)e->attempts, kiosk_code_name(e->status_code),
               e->status_message);
    else
        printf("(sent %lld times%s%s)\n", (long long)e->attempts, *e->status_message ? "; last: " : "",
               e->status_message);
    return 0;
}

int cli_list_outbox(app *a) {
    size_t entries = 0;
    if (kiosk_outbox_list(a->outbox, print_entry, &entries) != KIOSK_OK) {
        fprintf(stderr, "kiosk: %s\n", kiosk_outbox_error(a->outbox));
        return CLI_FAILED;
    }
    if (entries == 0) puts("the outbox is empty");
    return 0;
}
