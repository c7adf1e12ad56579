/*
 * kiosk: a command-line kiosk on the C client library, for trying the thin-client path by hand.
 * `kiosk help` lists the commands; docs/KIOSK-CLIENT.md has a walk-through. Submissions live in
 * submissions.c; this file has the settings, the reads, the session and the follow stream.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
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
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: kiosk [--host H] [--port P] [--ca FILE] [--ca-fingerprint HEX] [--kiosk ID] [--credential C]\n"
    "             [--outbox FILE] [--session FILE] COMMAND\n"
    "\n"
    "commands:\n"
    "  info                              what the server runs\n"
    "  ping                              check the connection\n"
    "  sign-in WORKER [PIN]              sign a worker in (PIN also from $KIOSK_PIN or asked)\n"
    "  sign-out                          end the session\n"
    "  whoami                            the signed-in worker\n"
    "  find QUERY                        search children by name, pinyin or identity number\n"
    "  child CHILD_ID                    show a child's record\n"
    "  register NAME m|f BIRTH_DATE VILLAGE HUKOU [IDENTITY_NUMBER] [--not-duplicate]\n"
    "                                    register a child (through the outbox); HUKOU is local,\n"
    "                                    elsewhere or unregistered (required: there is no default)\n"
    "  visit CHILD_ID DATE low|medium|high OBSERVATIONS [FOLLOW_UP_DATE]\n"
    "                                    record a monitoring visit (through the outbox)\n"
    "  applications [CHILD_ID]           list applications\n"
    "  application APPLICATION_ID        show one application with its history\n"
    "  transition APPLICATION_ID ACTION [REASON]\n"
    "                                    e.g. approve, reject, forward (through the outbox)\n"
    "  submit METHOD REQUEST_FILE [LABEL]\n"
    "                                    send a serialized request (protoc --encode) through the outbox\n"
    "  follow [CURSOR] [SECONDS]         follow application events after CURSOR until SECONDS pass\n"
    "                                    without one (default 0, 60 s); says the cursor to go on from\n"
    "  purposes                          the consent purposes and the application kinds needing each\n"
    "  consents CHILD_ID                 a child's consents, in force and withdrawn\n"
    "  consent CHILD_ID PURPOSE caregiver:CAREGIVER_ID|child paper|verbal:WITNESS GIVEN_ON\n"
    "                                    record a guardian's (or, from 16, the child's) consent (through\n"
    "                                    the outbox); verbal consent names the witnessing worker\n"
    "  withdraw-consent CONSENT_ID REASON [DATE]\n"
    "                                    withdraw a consent (through the outbox); open applications\n"
    "                                    needing it go on the work list\n"
    "  override CHILD_ID PURPOSE REASON  urgent override of a missing consent for one submission\n"
    "                                    (township and county workers; through the outbox)\n"
    "  overrides [all]                   urgent overrides waiting for county review (all: reviewed too)\n"
    "  review-override OVERRIDE_ID NOTE  county officers: mark an override reviewed (through the outbox)\n"
    "  access CHILD_ID                   county officers: who read or changed the child's record\n"
    "  outbox                            show the outbox\n"
    "  flush                             send what is waiting in the outbox\n"
    "  help                              this text\n"
    "\n"
    "settings also come from KIOSK_HOST (127.0.0.1), KIOSK_PORT (7443), KIOSK_CA, KIOSK_CA_FINGERPRINT,\n"
    "KIOSK_ID, KIOSK_CREDENTIAL, KIOSK_OUTBOX (kiosk-outbox.sqlite), KIOSK_SESSION_FILE (.kiosk-session).\n"
    "--ca: the county CA's certificate (ca.pem from kioskctl tls init): the connection uses TLS and the\n"
    "server must prove it is the county's. Without it the kiosk talks plaintext, and only to a loopback\n"
    "address (KIOSK_INSECURE_PLAINTEXT=1 allows others, for a closed test network only).\n"
    "exit status: 0 done, 1 failed (e.g. no connection), 2 refused by the server, 64 usage.\n";

static const char *env_or(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

/* What a person at the kiosk should do after the server refused the connection. */
static const char *connection_advice(uint32_t code) {
    switch (code) {
    case KIOSK_CONNECTION_ERROR_UNAUTHENTICATED:
    case KIOSK_CONNECTION_ERROR_UNSUPPORTED_VERSION:
        return "this kiosk is not admitted as configured: call the operator";
    case KIOSK_CONNECTION_ERROR_OVERLOADED:
    case KIOSK_CONNECTION_ERROR_TIMEOUT:
        return "the server is busy or slow: try again later";
    default:
        return "the server could not read what this program sent: report it to the kiosk's vendor";
    }
}

int cli_fail(app *a, kiosk_status_t rc) {
    fprintf(stderr, "kiosk: %s (%s)\n", kiosk_client_error(a->client), kiosk_status_name(rc));
    if (rc == KIOSK_ERR_CONNECTION_REFUSED)
        fprintf(stderr, "kiosk: %s\n", connection_advice(kiosk_client_connection_error_code(a->client)));
    if (rc == KIOSK_ERR_TLS) fputs("kiosk: the server was not trusted; nothing was sent to it\n", stderr);
    return rc == KIOSK_ERR_STATUS ? CLI_REFUSED : CLI_FAILED;
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
    if (!token) {
        unlink(a->s.session_path);
        return 0;
    }
    int fd = open(a->s.session_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        perror(a->s.session_path);
        if (fd >= 0) close(fd);
        return CLI_FAILED;
    }
    int ok = fprintf(f, "%s\n", token) > 0;
    return fclose(f) == 0 && ok ? 0 : (perror(a->s.session_path), CLI_FAILED);
}

/* A unary call that prints the answer. */
static int call_and_print(app *a, const char *method, const ProtobufCMessage *request,
                          const ProtobufCMessageDescriptor *type) {
    ProtobufCMessage *answer = NULL;
    kiosk_status_t rc = kiosk_client_call(a->client, method, NULL, request, type, &answer);
    if (rc != KIOSK_OK) return cli_fail(a, rc);
    kiosk_print_message(stdout, answer, 0);
    protobuf_c_message_free_unpacked(answer, NULL);
    return 0;
}

static int sign_in(app *a, int argc, char **argv) {
    if (argc < 1) return fputs("usage: kiosk sign-in WORKER [PIN]\n", stderr), CLI_USAGE;
    const char *pin = argc > 1 ? argv[1] : getenv("KIOSK_PIN");
    char typed[128];
    if (!pin) {
        fputs("PIN: ", stderr);
        if (!fgets(typed, sizeof typed, stdin)) return CLI_USAGE;
        typed[strcspn(typed, "\r\n")] = '\0';
        pin = typed;
    }
    kiosk_status_t rc = kiosk_client_sign_in(a->client, argv[0], pin);
    if (rc != KIOSK_OK) return cli_fail(a, rc);
    kiosk_session_info me;
    if (kiosk_client_session_info(a->client, &me) == KIOSK_OK) {
        const ProtobufCEnumValue *role = protobuf_c_enum_descriptor_get_value(&kiosk__core__v1__role__descriptor, (int)me.role);
        time_t until = (time_t)me.expires_at_unix;
        struct tm local;
        char when[32] = "?";
        if (localtime_r(&until, &local)) strftime(when, sizeof when, "%Y-%m-%d %H:%M", &local);
        printf("signed in as %s (%s), %s of %s, until %s\n", me.worker_id, me.display_name,
               role ? role->name : "ROLE_UNKNOWN", me.jurisdiction, when);
    }
    if (save_session(a, kiosk_client_session_token(a->client))) return CLI_FAILED;
    return cli_flush(a, 0);
}

static int find(app *a, const char *query) {
    Kiosk__Core__V1__SearchChildrenRequest r = KIOSK__CORE__V1__SEARCH_CHILDREN_REQUEST__INIT;
    r.query = (char *)query;
    ProtobufCMessage *answer = NULL;
    kiosk_status_t rc = kiosk_client_call(a->client, "/kiosk.core.v1.Children/SearchChildren", NULL, &r.base,
                                          &kiosk__core__v1__search_children_response__descriptor, &answer);
    if (rc != KIOSK_OK) return cli_fail(a, rc);
    const Kiosk__Core__V1__SearchChildrenResponse *found = (const Kiosk__Core__V1__SearchChildrenResponse *)answer;
    if (found->n_children == 0) puts("no children found");
    else kiosk_print_message(stdout, answer, 0);
    protobuf_c_message_free_unpacked(answer, NULL);
    return 0;
}

static int list_applications(app *a, const char *child_id) {
    Kiosk__Core__V1__ListApplicationsRequest r = KIOSK__CORE__V1__LIST_APPLICATIONS_REQUEST__INIT;
    if (child_id) r.child_id = (char *)child_id;
    ProtobufCMessage *answer = NULL;
    kiosk_status_t rc = kiosk_client_call(a->client, "/kiosk.core.v1.Applications/ListApplications", NULL, &r.base,
                                          &kiosk__core__v1__list_applications_response__descriptor, &answer);
    if (rc != KIOSK_OK) return cli_fail(a, rc);
    if (((const Kiosk__Core__V1__ListApplicationsResponse *)answer)->n_applications == 0) puts("no applications found");
    else kiosk_print_message(stdout, answer, 0);
    protobuf_c_message_free_unpacked(answer, NULL);
    return 0;
}

/* Prints events until the stream ends or `seconds` pass without one; then says where to go on from. */
static int follow(app *a, long long cursor, unsigned seconds) {
    Kiosk__Core__V1__FollowApplicationsRequest r = KIOSK__CORE__V1__FOLLOW_APPLICATIONS_REQUEST__INIT;
    r.after_cursor = cursor;
    r.follow = 1;
    kiosk_stream *stream = NULL;
    kiosk_status_t rc = kiosk_stream_open(a->client, "/kiosk.core.v1.Applications/FollowApplications", &r.base, &stream);
    if (rc != KIOSK_OK) return cli_fail(a, rc);
    for (;;) {
        ProtobufCMessage *event = NULL;
        rc = kiosk_stream_next(stream, &kiosk__core__v1__application_event__descriptor, seconds * 1000, &event);
        if (rc != KIOSK_OK) break;
        cursor = ((Kiosk__Core__V1__ApplicationEvent *)event)->cursor;
        kiosk_print_message(stdout, event, 0);
        puts("--");
        fflush(stdout);
        protobuf_c_message_free_unpacked(event, NULL);
    }
    kiosk_stream_free(stream);
    int status = rc == KIOSK_END || rc == KIOSK_ERR_TIMEOUT ? 0 : cli_fail(a, rc);
    fprintf(stderr, "kiosk: %s; go on with: kiosk follow %lld\n",
            rc == KIOSK_ERR_TIMEOUT ? "no event for a while" : "the stream ended", cursor);
    return status;
}

/* Commands that need no session and do not flush the outbox first. */
static int run_plain(app *a, const char *command, int *handled) {
    *handled = 1;
    if (!strcmp(command, "outbox")) return cli_list_outbox(a);
    if (!strcmp(command, "flush")) return cli_flush(a, 1);
    if (!strcmp(command, "ping")) {
        kiosk_status_t rc = kiosk_client_ping(a->client);
        if (rc != KIOSK_OK) return cli_fail(a, rc);
        printf("pong from %s\n", kiosk_client_server_agent(a->client));
        return 0;
    }
    if (!strcmp(command, "info")) {
        Kiosk__Host__V1__GetServerInfoRequest r = KIOSK__HOST__V1__GET_SERVER_INFO_REQUEST__INIT;
        return call_and_print(a, "/kiosk.host.v1.Host/GetServerInfo", &r.base,
                              &kiosk__host__v1__get_server_info_response__descriptor);
    }
    *handled = 0;
    return 0;
}

static int run(app *a, const char *command, int argc, char **argv) {
    int handled = 0;
    int status = run_plain(a, command, &handled);
    if (handled) return status;
    if (!strcmp(command, "sign-in")) return sign_in(a, argc, argv);
    if (cli_flush(a, 0) != 0 && !kiosk_client_is_connected(a->client)) return CLI_FAILED;
    if (!strcmp(command, "sign-out")) {
        kiosk_status_t rc = kiosk_client_sign_out(a->client);
        save_session(a, NULL);
        if (rc != KIOSK_OK) return cli_fail(a, rc);
        puts("signed out");
        return 0;
    }
    if (!strcmp(command, "whoami")) {
        Kiosk__Core__V1__WhoAmIRequest r = KIOSK__CORE__V1__WHO_AM_IREQUEST__INIT;
        return call_and_print(a, "/kiosk.core.v1.Session/WhoAmI", &r.base, &kiosk__core__v1__who_am_iresponse__descriptor);
    }
    if (!strcmp(command, "find") && argc >= 1) return find(a, argv[0]);
    if (!strcmp(command, "child") && argc >= 1) {
        Kiosk__Core__V1__GetChildRequest r = KIOSK__CORE__V1__GET_CHILD_REQUEST__INIT;
        r.child_id = argv[0];
        return call_and_print(a, "/kiosk.core.v1.Children/GetChild", &r.base, &kiosk__core__v1__get_child_response__descriptor);
    }
    if (!strcmp(command, "register")) return cli_register(a, argc, argv);
    if (!strcmp(command, "visit")) return cli_visit(a, argc, argv);
    if (!strcmp(command, "transition")) return cli_transition(a, argc, argv);
    if (!strcmp(command, "submit")) return cli_submit_file(a, argc, argv);
    if (!strcmp(command, "applications")) return list_applications(a, argc >= 1 ? argv[0] : NULL);
    if (!strcmp(command, "application") && argc >= 1) {
        Kiosk__Core__V1__GetApplicationRequest r = KIOSK__CORE__V1__GET_APPLICATION_REQUEST__INIT;
        r.application_id = argv[0];
        return call_and_print(a, "/kiosk.core.v1.Applications/GetApplication", &r.base,
                              &kiosk__core__v1__get_application_response__descriptor);
    }
    if (!strcmp(command, "purposes")) return cli_purposes(a);
    if (!strcmp(command, "consents")) return cli_consents(a, argc, argv);
    if (!strcmp(command, "consent")) return cli_consent(a, argc, argv);
    if (!strcmp(command, "withdraw-consent")) return cli_withdraw_consent(a, argc, argv);
    if (!strcmp(command, "override")) return cli_override(a, argc, argv);
    if (!strcmp(command, "overrides")) return cli_overrides(a, argc, argv);
    if (!strcmp(command, "review-override")) return cli_review_override(a, argc, argv);
    if (!strcmp(command, "access")) return cli_access(a, argc, argv);
    if (!strcmp(command, "follow"))
        return follow(a, argc >= 1 ? atoll(argv[0]) : 0, argc >= 2 ? (unsigned)atoi(argv[1]) : 60);
    fputs(usage, stderr);
    return CLI_USAGE;
}

int main(int argc, char **argv) {
    app a = {.s = {env_or("KIOSK_HOST", "127.0.0.1"), getenv("KIOSK_ID"), getenv("KIOSK_CREDENTIAL"),
                   env_or("KIOSK_OUTBOX", "kiosk-outbox.sqlite"), env_or("KIOSK_SESSION_FILE", ".kiosk-session"),
                   (unsigned)atoi(env_or("KIOSK_PORT", "7443")), env_or("KIOSK_CA", NULL),
                   env_or("KIOSK_CA_FINGERPRINT", NULL)}};
    int i = 1;
    for (; i + 1 < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
        const char *flag = argv[i] + 2, *value = argv[i + 1];
        if (!strcmp(flag, "host")) a.s.host = value;
        else if (!strcmp(flag, "port")) a.s.port = (unsigned)atoi(value);
        else if (!strcmp(flag, "ca")) a.s.ca_file = value;
        else if (!strcmp(flag, "ca-fingerprint")) a.s.ca_fingerprint = value;
        else if (!strcmp(flag, "kiosk")) a.s.kiosk_id = value;
        else if (!strcmp(flag, "credential")) a.s.credential = value;
        else if (!strcmp(flag, "outbox")) a.s.outbox_path = value;
        else if (!strcmp(flag, "session")) a.s.session_path = value;
        else return fputs(usage, stderr), CLI_USAGE;
    }
    if (i >= argc || !strcmp(argv[i], "help") || !strcmp(argv[i], "--help")) {
        fputs(usage, i >= argc ? stderr : stdout);
        return i >= argc ? CLI_USAGE : 0;
    }
    if (!a.s.kiosk_id || !*a.s.kiosk_id || !a.s.credential || !*a.s.credential) {
        fputs("kiosk: set the kiosk id and credential (--kiosk, --credential or KIOSK_ID, KIOSK_CREDENTIAL)\n", stderr);
        return CLI_USAGE;
    }
    if (!*a.s.host || a.s.port == 0 || a.s.port > 65535) {
        fputs("kiosk: set the server's host and a port from 1 to 65535 (--host, --port or KIOSK_HOST, KIOSK_PORT)\n", stderr);
        return CLI_USAGE;
    }
    kiosk_options options;
    kiosk_options_init(&options);
    options.client_agent = "kiosk-cli/1";
    options.connect_attempts = 3;
    options.ca_file = a.s.ca_file;
    options.ca_fingerprint_sha256 = a.s.ca_fingerprint;
    options.insecure_plaintext = !strcmp(env_or("KIOSK_INSECURE_PLAINTEXT", "0"), "1");
    if (kiosk_client_new(a.s.host, (uint16_t)a.s.port, a.s.kiosk_id, a.s.credential, &options, &a.client) != KIOSK_OK) {
        fputs("kiosk: out of memory\n", stderr);
        return CLI_FAILED;
    }
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
