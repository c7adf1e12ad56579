/* Shared by the source files of the `kiosk` command-line program (not part of the library). */
#ifndef KIOSK_CLI_H
#define KIOSK_CLI_H

#include "kiosk_client.h"
#include "kiosk_outbox.h"

/* Where the program talks to and keeps its files (flags, then environment, then defaults). */
typedef struct settings {
    const char *host, *kiosk_id, *credential, *outbox_path, *session_path;
    unsigned port;
    /* The county CA's certificate (TLS) and its optional pin; NULL: plaintext, to loopback only. */
    const char *ca_file, *ca_fingerprint;
} settings;

/* One run of the program: its settings and the handles it owns (freed in main). */
typedef struct app {
    settings s;
    kiosk_client *client;
    kiosk_outbox *outbox;
} app;

/* Exit statuses: 64 usage, 2 refused by the server, 1 any other failure. */
enum { CLI_FAILED = 1, CLI_REFUSED = 2, CLI_USAGE = 64 };

/* Prints the client's last failure (and, after a connection_error, what to do) and returns the exit status. */
int cli_fail(app *a, kiosk_status_t rc);

/* Sends what waits in the outbox; quiet when nothing waits unless `verbose`. */
int cli_flush(app *a, int verbose);

/* The submission commands (through the outbox): register, visit, transition, submit. */
int cli_register(app *a, int argc, char **argv);
int cli_visit(app *a, int argc, char **argv);
int cli_transition(app *a, int argc, char **argv);
int cli_submit_file(app *a, int argc, char **argv);

/* Stores a request message in the outbox, sends it if it can, and prints the answer (submissions.c). */
int cli_submit_message(app *a, const char *method, const ProtobufCMessage *request, const char *label,
                       const ProtobufCMessageDescriptor *type);

/* Consent, urgent overrides and the access log (consent.c): reads are calls, changes go through the outbox. */
int cli_consents(app *a, int argc, char **argv);
int cli_purposes(app *a);
int cli_overrides(app *a, int argc, char **argv);
int cli_access(app *a, int argc, char **argv);
int cli_consent(app *a, int argc, char **argv);
int cli_withdraw_consent(app *a, int argc, char **argv);
int cli_override(app *a, int argc, char **argv);
int cli_review_override(app *a, int argc, char **argv);

/* `kiosk outbox`: one line per entry. */
int cli_list_outbox(app *a);

#endif
