/* status.h: the result of every function of the kiosk screen that can fail or end a screen. */
#ifndef SCREEN_STATUS_H
#define SCREEN_STATUS_H

typedef enum scr_status {
    SCR_OK = 0,
    /* The worker went back (Esc) or cancelled a dialogue. */
    SCR_BACK = 1,
    /* The worker is leaving: signed out, or quit the program. Every screen returns at once. */
    SCR_LEAVE = 2,
    /* The server refused what was asked (a status other than OK); the refusal says why. */
    SCR_REFUSED = 3,
    /* The server could not be reached; submissions wait in the outbox. */
    SCR_OFFLINE = 4,
    SCR_ERR_ARGUMENT = 10,
    SCR_ERR_NO_MEMORY = 11,
    /* A file could not be read or written (labels, outbox). */
    SCR_ERR_IO = 12,
    /* The terminal could not be set up. */
    SCR_ERR_TERMINAL = 13,
    /* Text that is not what the field takes. */
    SCR_ERR_INPUT = 14
} scr_status;

/* A printable name for a status ("SCR_ERR_IO"). */
const char *scr_status_name(scr_status status);

#endif
