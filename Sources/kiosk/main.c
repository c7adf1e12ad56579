/*
 * kiosk: a command-line kiosk on the C client library, for trying the thin-client path by hand.
 * `kiosk help` lists the commands; docs/KIOSK-CLIENT.md has a walk-through.
 */
#define _POSIX_C_SOURCE 200809L
#include "kiosk_client.h"
#include "kiosk_outbox.h"
#include "kiosk/core/v1/applications.pb-c.h"
#include "kiosk/core/v1/children.pb-c.h"
#include "kiosk/core/v1/session.pb-c.h"
#include "kiosk/host/v1/host.pb-c.h"
#include "print.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: kiosk [--host H] [--port P] [--kiosk ID] [--credential C] [--outbox FILE] [--session FILE] COMMAND\n"
    "\n"
    "commands:\n"
    "  info                              what the server runs\n"
    "  ping                              check the connection\n"
    "  sign-in WORKER [PIN]              sign a worker in (PIN also from $KIOSK_PIN or asked)\n"
    "  sign-out | whoami\n"
    "  find QUERY                        search children by name, pinyin or identity number\n"
    "  child CHILD_ID                    show a child's record\n"
    "  register NAME m|f BIRTH_DATE VILLAGE [IDENTITY_NUMBER] [--not-duplicate]\n"
    "                                    register a child (through the outbox)\n"
    "  visit CHILD_ID DATE low|medium|high OBSERVATIONS [FOLLOW_UP_DATE]\n"
    "                                    record a monitoring visit (through the outbox)\n"
    "  applications [CHILD_ID]           list applications\n"
    "  application APPLICATION_ID        show one application with its history\n"
    "  transition APPLICATION_ID ACTION [REASON]\n"
    "                                    e.g. approve, reject, forward (through the outbox)\n"
    "  submit METHOD REQUEST_FILE [LABEL]\n"
    "                                    send a serialized request (protoc --encode) through the outbox\n"
    "  follow [CURSOR] [SECONDS]         follow application events (default 60 s)\n"
    "  outbox                            show the outbox\n"
    "  flush                             send what is waiting in the outbox\n"
    "\n"
    "settings also come from KIOSK_HOST (127.0.0.1), KIOSK_PORT (7443), KIOSK_ID, KIOSK_CREDENTIAL,\n"
    "KIOSK_OUTBOX (kiosk-outbox.sqlite), KIOSK_SESSION_FILE (.kiosk-session).\n";

typedef struct settings {
    const char *host, *kiosk_id, *credential, *outbox_path, *session_path;
    unsigned port;
} settings;

typedef struct app {
    settings s;
    kiosk_client *client;
    kiosk_outbox *outbox;
} app;

static const char *env_or(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static int fail_client(app *a, kiosk_status_t rc) {
    fprintf(stderr, "kiosk: %s (%s)\n", kiosk_client_error(a->client), kiosk_status_name(rc));
    return rc == KIOSK_ERR_STATUS ? 2 : 1;
}

static void load_session(app *a) {
    FILE *f = fopen(a->s.session_path, "r");
    if (!f) return;
    char token[512];
    if (fgets(token, sizeof token, f)) {
        token[strcspn(token, "\r\n")] = '\0';
        if (*token) kiosk_client_set_session_token(a->client, token);
    }
    fclose(f);
}

static int save_session(app *a, const char *token) {
    if (!token) return unlink(a->s.session_path) == 0 ? 0 : 0;
    int fd = open(a->s.session_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        perror(a->s.session_path);
        return 1;
    }
    FILE *f = fdopen(fd, "w");
    fprintf(f, "%s\n", token);
    fclose(f);
    return 0;
}

/* A unary call that prints the answer. */
static int call_and_print(app *a, const char *method, const ProtobufCMessage *request,
                          const ProtobufCMessageDescriptor *type) {
    ProtobufCMessage *answer = NULL;
    kiosk_status_t rc = kiosk_client_call(a->client, method, NULL, request, type, &answer);
    if (rc != KIOSK_OK) return fail_client(a, rc);
    kiosk_print_message(stdout, answer, 0);
    protobuf_c_message_free_unpacked(answer, NULL);
    return 0;
}

/* Sends what waits in the outbox; quiet when there is nothing. */
static int flush(app *a, int verbose) {
    int64_t waiting = kiosk_outbox_pending_count(a->outbox);
    if (waiting <= 0 && !verbose) return 0;
    size_t answered = 0, pending = 0;
    kiosk_status_t rc = kiosk_outbox_flush(a->outbox, a->client, &answered, &pending);
    if (verbose || answered || pending)
        fprintf(stderr, "outbox: %zu answered now, %zu waiting\n", answered, pending);
    if (rc != KIOSK_OK) fprintf(stderr, "outbox: %s\n", kiosk_outbox_error(a->outbox));
    return rc == KIOSK_OK ? 0 : 1;
}

/* Stores a submission, tries to send it, and says what became of it. */
static int submit(app *a, const char *method, const uint8_t *bytes, size_t len, const char *label,
                  const ProtobufCMessageDescriptor *type) {
    char key[33];
    if (kiosk_outbox_add_bytes(a->outbox, method, bytes, len, label, key) != KIOSK_OK) {
        fprintf(stderr, "kiosk: %s\n", kiosk_outbox_error(a->outbox));
        return 1;
    }
    flush(a, 0);
    kiosk_outbox_entry e;
    if (kiosk_outbox_get(a->outbox, key, &e) != KIOSK_OK) {
        fprintf(stderr, "kiosk: %s\n", kiosk_outbox_error(a->outbox));
        return 1;
    }
    if (e.state == KIOSK_OUTBOX_PENDING) {
        printf("saved in the outbox (key %s); it will be sent when the server can be reached\n", key);
        return 0;
    }
    if (e.status_code != 0) {
        fprintf(stderr, "kiosk: refused: %s: %s\n", kiosk_code_name(e.status_code), e.status_message);
        return 2;
    }
    ProtobufCMessage *answer = NULL;
    if (type && kiosk_outbox_response(a->outbox, key, type, &answer) == KIOSK_OK) {
        kiosk_print_message(stdout, answer, 0);
        protobuf_c_message_free_unpacked(answer, NULL);
    } else {
        printf("done (key %s)\n", key);
    }
    return 0;
}

static int submit_message(app *a, const char *method, const ProtobufCMessage *request, const char *label,
                          const ProtobufCMessageDescriptor *type) {
    size_t size = protobuf_c_message_get_packed_size(request);
    uint8_t *bytes = malloc(size ? size : 1);
    if (!bytes) return 1;
    protobuf_c_message_pack(request, bytes);
    int status = submit(a, method, bytes, size, label, type);
    free(bytes);
    return status;
}

static int print_entry(const kiosk_outbox_entry *e, void *context) {
    (void)context;
    printf("%-4lld %s  %-8s %-34s %s", (long long)e->seq, e->idempotency_key,
           e->state == KIOSK_OUTBOX_PENDING ? "waiting" : "answered", e->method, e->label);
    if (e->state == KIOSK_OUTBOX_ANSWERED) printf("  -> %s", kiosk_code_name(e->status_code));
    else if (e->attempts) printf("  (%lld attempts)", (long long)e->attempts);
    putchar('\n');
    return 0;
}

static int sign_in(app *a, int argc, char **argv) {
    if (argc < 1) return fputs(usage, stderr), 64;
    const char *pin = argc > 1 ? argv[1] : getenv("KIOSK_PIN");
    char typed[128];
    if (!pin) {
        fputs("PIN: ", stderr);
        if (!fgets(typed, sizeof typed, stdin)) return 64;
        typed[strcspn(typed, "\r\n")] = '\0';
        pin = typed;
    }
    kiosk_status_t rc = kiosk_client_sign_in(a->client, argv[0], pin);
    if (rc != KIOSK_OK) return fail_client(a, rc);
    printf("signed in as %s\n", argv[0]);
    if (save_session(a, kiosk_client_session_token(a->client))) return 1;
    return flush(a, 0);
}

static int parse_enum(const ProtobufCEnumDescriptor *d, const char *prefix, const char *word, int *out) {
    char name[96];
    snprintf(name, sizeof name, "%s%s", prefix, word);
    for (char *p = name; *p; p++) *p = (*p == '-') ? '_' : (char)((*p >= 'a' && *p <= 'z') ? *p - 32 : *p);
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value_by_name(d, name);
    if (!v) {
        fprintf(stderr, "kiosk: unknown value %s\n", word);
        return 0;
    }
    *out = v->value;
    return 1;
}

static int run(app *a, const char *command, int argc, char **argv) {
    if (!strcmp(command, "outbox")) return kiosk_outbox_list(a->outbox, print_entry, NULL) == KIOSK_OK ? 0 : 1;
    if (!strcmp(command, "flush")) return flush(a, 1);
    if (!strcmp(command, "sign-in")) return sign_in(a, argc, argv);
    if (!strcmp(command, "ping")) {
        kiosk_status_t rc = kiosk_client_ping(a->client);
        if (rc != KIOSK_OK) return fail_client(a, rc);
        printf("pong from %s\n", kiosk_client_server_agent(a->client));
        return 0;
    }
    if (!strcmp(command, "info")) {
        Kiosk__Host__V1__GetServerInfoRequest r = KIOSK__HOST__V1__GET_SERVER_INFO_REQUEST__INIT;
        return call_and_print(a, "/kiosk.host.v1.Host/GetServerInfo", &r.base,
                              &kiosk__host__v1__get_server_info_response__descriptor);
    }
    if (flush(a, 0) != 0 && !kiosk_client_is_connected(a->client)) return 1;
    if (!strcmp(command, "sign-out")) {
        kiosk_status_t rc = kiosk_client_sign_out(a->client);
        save_session(a, NULL);
        return rc == KIOSK_OK ? 0 : fail_client(a, rc);
    }
    if (!strcmp(command, "whoami")) {
        Kiosk__Core__V1__WhoAmIRequest r = KIOSK__CORE__V1__WHO_AM_IREQUEST__INIT;
        return call_and_print(a, "/kiosk.core.v1.Session/WhoAmI", &r.base, &kiosk__core__v1__who_am_iresponse__descriptor);
    }
    if (!strcmp(command, "find") && argc >= 1) {
        Kiosk__Core__V1__SearchChildrenRequest r = KIOSK__CORE__V1__SEARCH_CHILDREN_REQUEST__INIT;
        r.query = argv[0];
        return call_and_print(a, "/kiosk.core.v1.Children/SearchChildren", &r.base,
                              &kiosk__core__v1__search_children_response__descriptor);
    }
    if (!strcmp(command, "child") && argc >= 1) {
        Kiosk__Core__V1__GetChildRequest r = KIOSK__CORE__V1__GET_CHILD_REQUEST__INIT;
        r.child_id = argv[0];
        return call_and_print(a, "/kiosk.core.v1.Children/GetChild", &r.base, &kiosk__core__v1__get_child_response__descriptor);
    }
    if (!strcmp(command, "register") && argc >= 4) {
        Kiosk__Core__V1__ChildDetails d = KIOSK__CORE__V1__CHILD_DETAILS__INIT;
        Kiosk__Core__V1__RegisterChildRequest r = KIOSK__CORE__V1__REGISTER_CHILD_REQUEST__INIT;
        d.name = argv[0];
        d.sex = argv[1][0] == 'f' ? KIOSK__CORE__V1__SEX__SEX_FEMALE : KIOSK__CORE__V1__SEX__SEX_MALE;
        d.birth_date = argv[2];
        d.village = argv[3];
        for (int i = 4; i < argc; i++) {
            if (!strcmp(argv[i], "--not-duplicate")) r.confirmed_not_duplicate = 1;
            else d.identity_number = argv[i];
        }
        r.details = &d;
        return submit_message(a, "/kiosk.core.v1.Children/RegisterChild", &r.base, "register child",
                              &kiosk__core__v1__register_child_response__descriptor);
    }
    if (!strcmp(command, "visit") && argc >= 4) {
        Kiosk__Core__V1__RecordVisitRequest r = KIOSK__CORE__V1__RECORD_VISIT_REQUEST__INIT;
        int risk = 0;
        if (!parse_enum(&kiosk__core__v1__risk_level__descriptor, "RISK_LEVEL_", argv[2], &risk)) return 64;
        r.child_id = argv[0];
        r.visit_date = argv[1];
        r.risk_level = (Kiosk__Core__V1__RiskLevel)risk;
        r.observations = argv[3];
        if (argc > 4) r.follow_up_date = argv[4];
        return submit_message(a, "/kiosk.core.v1.Children/RecordVisit", &r.base, "record visit",
                              &kiosk__core__v1__record_visit_response__descriptor);
    }
    if (!strcmp(command, "applications")) {
        Kiosk__Core__V1__ListApplicationsRequest r = KIOSK__CORE__V1__LIST_APPLICATIONS_REQUEST__INIT;
        if (argc >= 1) r.child_id = argv[0];
        return call_and_print(a, "/kiosk.core.v1.Applications/ListApplications", &r.base,
                              &kiosk__core__v1__list_applications_response__descriptor);
    }
    if (!strcmp(command, "application") && argc >= 1) {
        Kiosk__Core__V1__GetApplicationRequest r = KIOSK__CORE__V1__GET_APPLICATION_REQUEST__INIT;
        r.application_id = argv[0];
        return call_and_print(a, "/kiosk.core.v1.Applications/GetApplication", &r.base,
                              &kiosk__core__v1__get_application_response__descriptor);
    }
    if (!strcmp(command, "transition") && argc >= 2) {
        Kiosk__Core__V1__TransitionApplicationRequest r = KIOSK__CORE__V1__TRANSITION_APPLICATION_REQUEST__INIT;
        int action = 0;
        if (!parse_enum(&kiosk__core__v1__application_action__descriptor, "APPLICATION_ACTION_", argv[1], &action))
            return 64;
        r.application_id = argv[0];
        r.action = (Kiosk__Core__V1__ApplicationAction)action;
        if (argc > 2) r.reason = argv[2];
        return submit_message(a, "/kiosk.core.v1.Applications/TransitionApplication", &r.base, "transition application",
                              &kiosk__core__v1__transition_application_response__descriptor);
    }
    if (!strcmp(command, "submit") && argc >= 2) {
        FILE *f = fopen(argv[1], "rb");
        if (!f) return perror(argv[1]), 66;
        uint8_t *bytes = malloc(1 << 20);
        size_t len = bytes ? fread(bytes, 1, 1 << 20, f) : 0;
        fclose(f);
        int status = bytes ? submit(a, argv[0], bytes, len, argc > 2 ? argv[2] : "submission", NULL) : 1;
        free(bytes);
        return status;
    }
    if (!strcmp(command, "follow")) {
        Kiosk__Core__V1__FollowApplicationsRequest r = KIOSK__CORE__V1__FOLLOW_APPLICATIONS_REQUEST__INIT;
        r.after_cursor = argc >= 1 ? atoll(argv[0]) : 0;
        r.follow = 1;
        unsigned seconds = argc >= 2 ? (unsigned)atoi(argv[1]) : 60;
        kiosk_stream *stream = NULL;
        kiosk_status_t rc = kiosk_stream_open(a->client, "/kiosk.core.v1.Applications/FollowApplications", &r.base, &stream);
        if (rc != KIOSK_OK) return fail_client(a, rc);
        for (;;) {
            ProtobufCMessage *event = NULL;
            rc = kiosk_stream_next(stream, &kiosk__core__v1__application_event__descriptor, seconds * 1000, &event);
            if (rc != KIOSK_OK) break;
            kiosk_print_message(stdout, event, 0);
            puts("--");
            fflush(stdout);
            protobuf_c_message_free_unpacked(event, NULL);
        }
        kiosk_stream_free(stream);
        return rc == KIOSK_END || rc == KIOSK_ERR_TIMEOUT ? 0 : fail_client(a, rc);
    }
    fputs(usage, stderr);
    return 64;
}

int main(int argc, char **argv) {
    app a = {.s = {env_or("KIOSK_HOST", "127.0.0.1"), getenv("KIOSK_ID"), getenv("KIOSK_CREDENTIAL"),
                   env_or("KIOSK_OUTBOX", "kiosk-outbox.sqlite"), env_or("KIOSK_SESSION_FILE", ".kiosk-session"),
                   (unsigned)atoi(env_or("KIOSK_PORT", "7443"))}};
    int i = 1;
    for (; i + 1 < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
        const char *flag = argv[i] + 2, *value = argv[i + 1];
        if (!strcmp(flag, "host")) a.s.host = value;
        else if (!strcmp(flag, "port")) a.s.port = (unsigned)atoi(value);
        else if (!strcmp(flag, "kiosk")) a.s.kiosk_id = value;
        else if (!strcmp(flag, "credential")) a.s.credential = value;
        else if (!strcmp(flag, "outbox")) a.s.outbox_path = value;
        else if (!strcmp(flag, "session")) a.s.session_path = value;
        else return fputs(usage, stderr), 64;
    }
    if (i >= argc || !strcmp(argv[i], "help") || !strcmp(argv[i], "--help")) {
        fputs(usage, i >= argc ? stderr : stdout);
        return i >= argc ? 64 : 0;
    }
    if (!a.s.kiosk_id || !a.s.credential || a.s.port == 0 || a.s.port > 65535) {
        fputs("kiosk: set the kiosk id and credential (--kiosk, --credential or KIOSK_ID, KIOSK_CREDENTIAL)\n", stderr);
        return 64;
    }
    kiosk_options options;
    kiosk_options_init(&options);
    options.client_agent = "kiosk-cli/1";
    options.connect_attempts = 3;
    if (kiosk_client_new(a.s.host, (uint16_t)a.s.port, a.s.kiosk_id, a.s.credential, &options, &a.client) != KIOSK_OK)
        return 70;
    kiosk_status_t rc = kiosk_outbox_open(a.s.outbox_path, &a.outbox);
    int status;
    if (rc != KIOSK_OK) {
        fprintf(stderr, "kiosk: %s\n", a.outbox ? kiosk_outbox_error(a.outbox) : "out of memory");
        status = 73;
    } else {
        load_session(&a);
        status = run(&a, argv[i], argc - i - 1, argv + i + 1);
    }
    kiosk_outbox_close(a.outbox);
    kiosk_client_free(a.client);
    return status;
}
