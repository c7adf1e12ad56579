/*
 * screen.h: the kiosk screen's shared types. Every source file of the program includes this first.
 *
 * The program is one handle, scr_app, passed to every function: settings, labels, the client
 * library's handles, the terminal's state and the signed-in session. There are no mutable globals
 * in this program; ncurses itself keeps the terminal's state in its own globals (stdscr, LINES,
 * COLS), which only ui.c and form_ui.c touch.
 */
#ifndef SCREEN_H
#define SCREEN_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include "catalog.h"
#include "checks.h"
#include "kiosk_client.h"
#include "kiosk_outbox.h"
#include "labels.h"
#include "status.h"
#include "text.h"
#include "wide.h"

#include <stdint.h>

/* Settings: flags, then environment, then defaults (settings.c; `kiosk-screen --help`). */
typedef struct scr_settings {
    const char *host, *kiosk_id, *credential;
    unsigned port;
    /* TLS: the county CA's certificate (PEM) and, optionally, its SHA-256 fingerprint; NULL: plaintext,
     * which the client library allows only to a loopback address. */
    const char *ca_file, *ca_fingerprint;
    /* Where each worker's outbox file lives: <outbox_dir>/outbox-<worker>.sqlite. */
    const char *outbox_dir;
    /* The directory searched for *.labels files. */
    const char *labels_dir;
    /* Shown in the top line, e.g. the county's or the vendor's name. */
    const char *brand;
    int lang;
    /* Seconds between attempts to send what waits in the outbox while the server is unreachable. */
    unsigned retry_seconds;
    /* Only check the label files and exit (--check-labels). */
    int check_labels;
} scr_settings;

/* What the worker asked for with a key, a touch or a click. */
typedef enum scr_action {
    ACT_NONE = 0,
    ACT_CHAR,        /* a printable character: event.ch */
    ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_HOME, ACT_END, ACT_PAGE_UP, ACT_PAGE_DOWN,
    ACT_NEXT,        /* Tab: next field */
    ACT_PREVIOUS,    /* Shift-Tab: previous field */
    ACT_SELECT,      /* Enter */
    ACT_BACK,        /* Esc */
    ACT_ERASE,       /* Backspace */
    ACT_DELETE,      /* Delete: a character, or an item of a list */
    ACT_INSERT,      /* Insert: add an item to a list */
    ACT_SUBMIT,      /* F5: submit a form, refresh a list */
    ACT_HELP,        /* F1 */
    ACT_LANGUAGE,    /* F2: 中文 / English */
    ACT_OUTBOX,      /* F4 */
    ACT_SIGN_OUT,    /* F10 */
    ACT_RESIZE,      /* the terminal changed size, or a dialogue covered the screen: draw again */
    ACT_CLICK,       /* a touch or click in the content area: event.y, event.x */
    ACT_TICK,        /* nothing typed for a while: something in the background may have changed */
    ACT_LEAVE        /* the worker signed out or quit: return at once */
} scr_action;

typedef struct scr_event {
    scr_action action;
    wchar_t ch;
    int y, x;
} scr_event;

/* The worker signed in at this kiosk, as the server answered SignIn. */
typedef struct scr_session {
    int signed_in;
    char worker_id[64];
    char display_name[128];
    uint32_t role;              /* kiosk.core.v1.Role */
    char jurisdiction[16];
    int64_t expires_at_unix;
} scr_session;

/* Counts of the outbox shown on the status line. */
typedef struct scr_outbox_counts {
    int64_t pending, delivered, refused;
    /* Answers that arrived in the background and the worker has not opened the outbox since. */
    int64_t unseen;
} scr_outbox_counts;

/* A touch button of the key line: the columns it covers and the action it stands for. */
typedef struct scr_button {
    int x0, x1;
    scr_action action;
    wchar_t ch;
} scr_button;

/* Ids the worker has seen lately (field name -> value), offered when a form asks for the same name. */
enum { SCR_CONTEXT_SLOTS = 16 };
typedef struct scr_context {
    char name[SCR_CONTEXT_SLOTS][40];
    char value[SCR_CONTEXT_SLOTS][80];
    unsigned age[SCR_CONTEXT_SLOTS];
    unsigned clock;
} scr_context;

/* A refusal: the server's status code and its own words. */
typedef struct scr_refusal {
    uint32_t code;
    char message[512];
    /* The method it answered, for naming the fields of its request. */
    char method[160];
} scr_refusal;

typedef struct scr_app {
    scr_settings settings;
    int lang;
    scr_labels *labels;
    kiosk_client *client;
    /* The signed-in worker's outbox (NULL when nobody is signed in). */
    kiosk_outbox *outbox;
    scr_session session;
    scr_outbox_counts counts;
    scr_context context;
    /* 1 after a call reached the server, 0 after one could not, -1 before the first. */
    int online;
    /* A call or a flush was refused UNAUTHENTICATED: ask for the PIN again before anything else. */
    int session_expired;
    int in_reauth;
    /* A dialogue is open that the keys of every screen (F4 outbox, F10 sign out) must not cover. */
    int modal;
    /* 1: the worker signs out; 2: the program ends. Screens return SCR_LEAVE. */
    int leaving;
    int64_t next_flush_ms;
    uint32_t flush_backoff_ms;
    /* The plugin ids the server said it runs (GetServerInfo), '\n'-separated; "" when not known. */
    char plugins[512];
    int plugins_known;
    /* One line for the worker at the bottom, e.g. "2 answers arrived"; shown until replaced. */
    char notice[256];
    int notice_is_error;
    /* The terminal: its size and the touch buttons of the key line. */
    int rows, cols;
    scr_button buttons[12];
    int n_buttons;
    int colors;
} scr_app;

/* --- settings.c --- */
/* Reads flags and environment; returns SCR_ERR_ARGUMENT with a message in `error` for a bad flag. */
scr_status settings_read(scr_settings *settings, int argc, char **argv, char *error, size_t error_size);
const char *settings_usage(void);

/* --- connection.c: the one place that sets up the connection to the server --- */
scr_status connection_open(const scr_settings *settings, kiosk_client **out);

/* --- app.c --- */
scr_status app_new(const scr_settings *settings, scr_app **out, char *error, size_t error_size);
void app_free(scr_app *app);
/* A text of the program in the worker's language. */
const char *app_text(const scr_app *app, scr_text id);
/* The label of a proto name in the worker's language, or `fallback` when the label files have none. */
const char *app_label(const scr_app *app, const char *key, const char *fallback);
const char *app_help(const scr_app *app, const char *key);
/* Sets the notice line. */
scr_status app_notice(scr_app *app, int is_error, const char *format, ...) __attribute__((format(printf, 3, 4)));
/* Remembers an id the worker has seen (child_id, application_id, ...). */
scr_status app_remember(scr_app *app, const char *name, const char *value);
/* The id last remembered under `name`, or NULL. */
const char *app_recall(const scr_app *app, const char *name);

/* A read: calls the server directly. SCR_OK with *response; SCR_REFUSED with *refusal filled;
 * SCR_OFFLINE when the server could not be reached. Asks for the PIN again when the session expired. */
scr_status app_read(scr_app *app, const char *method, const ProtobufCMessage *request,
                    const ProtobufCMessageDescriptor *response_type, ProtobufCMessage **response, scr_refusal *refusal);

/* What became of a submission. */
typedef enum scr_delivery { DELIVERY_WAITING = 0, DELIVERY_ACCEPTED = 1, DELIVERY_REFUSED = 2 } scr_delivery;

/* A change: stored in the outbox, then sent with what waits. *delivery says where it is; when
 * ACCEPTED, *response (may be NULL to ignore) is the answer; when REFUSED, *refusal says why.
 * key (33 bytes, may be NULL) gets the outbox key. SCR_ERR_IO when it could not even be stored. */
scr_status app_submit(scr_app *app, const char *method, const ProtobufCMessage *request,
                      const ProtobufCMessageDescriptor *response_type, scr_delivery *delivery,
                      ProtobufCMessage **response, scr_refusal *refusal, char key[33]);

/* Sends what waits in the outbox now (shows that it is sending). */
scr_status app_flush(scr_app *app, int in_background);
/* Runs the background work due now: a flush of the outbox when it is time. */
scr_status app_tick(scr_app *app);
/* Recounts the outbox for the status line. */
scr_status app_count_outbox(scr_app *app);
/* Asks GetServerInfo which plugins the server runs (needs no session). */
scr_status app_refresh_server_info(scr_app *app);
/* Non-zero when the server is known to run plugin `id` (or nothing is known yet). */
int app_plugin_installed(const scr_app *app, const char *id);

/* --- session.c --- */
/* The sign-in screen: returns SCR_OK when a worker signed in, SCR_LEAVE when the program ends. */
scr_status screen_sign_in(scr_app *app);
/* Asks the signed-in worker's PIN again after the session expired (a dialogue over any screen). */
scr_status session_reauthenticate(scr_app *app);
/* Signs out and closes the worker's outbox. */
scr_status session_end(scr_app *app);

/* --- refusal.c --- */
/* The refusal in the worker's language (one or two lines) and, separately, the server's own words. */
scr_status refusal_describe(const scr_app *app, const scr_refusal *refusal, scr_sb *words);
/* The words for a failed check of typed text. */
const char *check_words(const scr_app *app, scr_check check);

/* --- screens --- */
scr_status screen_home(scr_app *app);
scr_status screen_find_child(scr_app *app);
scr_status screen_child(scr_app *app, const char *child_id);
scr_status screen_register_child(scr_app *app);
scr_status screen_record_visit(scr_app *app, const char *child_id, const char *child_name);
/* Edits a child's record as read at `version` (the whole Child message). */
scr_status screen_edit_child(scr_app *app, const ProtobufCMessage *child);
scr_status screen_reviews(scr_app *app);
scr_status screen_application(scr_app *app, const char *application_id);
/* The services the server runs, their methods, and forms generated for them. */
scr_status screen_services(scr_app *app);
/* A generated form for one method, optionally filled from an earlier request (and marked with what the
 * server refused in it); submits or reads. */
scr_status screen_method(scr_app *app, const ProtobufCServiceDescriptor *service,
                         const ProtobufCMethodDescriptor *method, const ProtobufCMessage *filled,
                         const scr_refusal *refused);
scr_status screen_outbox(scr_app *app);
/* An answer of the server, shown generically; the ids in it are remembered for later forms. */
scr_status screen_answer(scr_app *app, const char *title, const char *heading, const ProtobufCMessage *answer);
/* The duplicate candidates of a RegisterChild answer: compare, open one, or register anyway. */
scr_status screen_duplicates(scr_app *app, const ProtobufCMessage *request, const ProtobufCMessage *response);

/* --- outcome.c: what became of a submission, told to the worker --- */
/* A deep copy of a message (packed and unpacked again); free with protobuf_c_message_free_unpacked. */
scr_status message_copy(const ProtobufCMessage *message, ProtobufCMessage **out);
/* The refusal in the worker's words with the server's own below. SCR_OK, or SCR_LEAVE. */
scr_status show_refusal(scr_app *app, const char *title, const scr_refusal *refusal);
/* "Saved on this kiosk; it is sent by itself when the server can be reached." */
scr_status show_waiting(scr_app *app, const char *title);

/* --- review.c --- */
/* The application states waiting for a worker of `role` to act (kiosk.core.v1.ApplicationState). */
scr_status review_waiting_states(uint32_t role, int states[4], size_t *n);
/* The label of an application kind ("nutrition.micronutrient-sachets"), or the kind itself. */
const char *review_kind_label(const scr_app *app, const char *kind);

/* --- labels check (check_labels.c) --- */
/* Prints every label the catalog's services need and the files lack; 0 when none is missing. */
int check_labels_run(const scr_labels *labels, int lang_count);

#endif
