/*
 * render.h: messages shown to people, generically: each field that holds a value becomes a line
 * "label: value" with the label files' labels, enums by their labels, times (*_unix) as dates,
 * nested messages indented, repeated fields numbered. An application's payload is decoded by its
 * payload_type; a check (rule, passed, explanation) is one line with ✓ or ✗.
 */
#ifndef SCREEN_RENDER_H
#define SCREEN_RENDER_H

#include "ui.h"

typedef struct scr_render {
    scr_app *app;
    scr_list *out;
    /* Columns to wrap long values at. */
    int width;
    /* The proto package whose label file names the check rules ("kiosk.plugins.nutrition.v1"); NULL:
     * the package of the message holding the checks. */
    const char *check_package;
} scr_render;

scr_status render_message(scr_render *r, const ProtobufCMessage *message, int indent);
/* One check as "✓ label — explanation". */
scr_status render_check(scr_render *r, const char *rule, int passed, const char *explanation, const char *package,
                        int indent);
/* The label of an enum value ("not chosen" for 0). */
const char *render_enum(const scr_app *app, const ProtobufCEnumDescriptor *type, int value);
/* A time as "2026-11-23 10:32" in China Standard Time. */
scr_status render_time(int64_t unix_seconds, char out[20]);
/* The package of a full message name: "kiosk.plugins.nutrition.v1" of "kiosk.plugins.nutrition.v1.X". */
scr_status render_package_of(const char *full_name, char *buffer, size_t size);

#endif
