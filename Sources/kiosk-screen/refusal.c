/*
 * Refusals in the worker's language. The server's messages are English and start with the field
 * they are about ("weight_kg -2 is negative", "birth_date: ... is in the future"); the screen says
 * what the status code means (docs/PROTOCOL.md §4), names the field by its label, and gives the gist
 * of the common phrases. The server's own words are always shown beside it.
 */
#include "screen.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static scr_text code_text(uint32_t code) {
    switch (code) {
    case KIOSK_CODE_INVALID_ARGUMENT: return T_REFUSED_INVALID;
    case KIOSK_CODE_NOT_FOUND: return T_REFUSED_NOT_FOUND;
    case KIOSK_CODE_ALREADY_EXISTS: return T_REFUSED_EXISTS;
    case KIOSK_CODE_PERMISSION_DENIED: return T_REFUSED_PERMISSION;
    case KIOSK_CODE_RESOURCE_EXHAUSTED: return T_REFUSED_EXHAUSTED;
    case KIOSK_CODE_FAILED_PRECONDITION: return T_REFUSED_PRECONDITION;
    case KIOSK_CODE_ABORTED: return T_REFUSED_STALE;
    case KIOSK_CODE_OUT_OF_RANGE: return T_REFUSED_RANGE;
    case KIOSK_CODE_UNIMPLEMENTED: return T_REFUSED_UNIMPLEMENTED;
    case KIOSK_CODE_INTERNAL: case KIOSK_CODE_DATA_LOSS: case KIOSK_CODE_UNKNOWN: return T_REFUSED_INTERNAL;
    case KIOSK_CODE_UNAVAILABLE: return T_REFUSED_UNAVAILABLE;
    case KIOSK_CODE_UNAUTHENTICATED: return T_REFUSED_UNAUTHENTICATED;
    case KIOSK_CODE_DEADLINE_EXCEEDED: return T_REFUSED_DEADLINE;
    default: return T_REFUSED_OTHER;
    }
}

/* Common phrases of the server's messages and their gist. */
static const struct {
    const char *phrase;
    scr_text gist;
} phrases[] = {
    {"is required", T_GIST_REQUIRED},        {"are required", T_GIST_REQUIRED},
    {"in the future", T_GIST_FUTURE},         {"is before", T_GIST_TOO_EARLY},
    {"is after", T_GIST_TOO_LATE},            {"must be after", T_GIST_TOO_EARLY},
    {"longer than", T_GIST_TOO_LONG},         {"too long", T_GIST_TOO_LONG},
    {"is not a date", T_GIST_DATE},           {"is negative", T_GIST_NEGATIVE},
    {"is not from", T_GIST_RANGE},            {"must be", T_GIST_RANGE},
    {"exclude each other", T_GIST_EXCLUSIVE}, {"given twice", T_GIST_TWICE},
    {"may contain only", T_GIST_CHARACTERS},  {"contradicts", T_GIST_CONTRADICTS},
    {"is not an id", T_GIST_ID},              {"is not a", T_GIST_FORMAT},
};

/* Finds a field by dotted path from `type`, or anywhere below it by its last name; NULL when none. */
static const ProtobufCFieldDescriptor *find_field(const ProtobufCMessageDescriptor *type, const char *path,
                                                  const ProtobufCMessageDescriptor **owner, int depth) {
    if (!type || depth > 4) return NULL;
    size_t n = strcspn(path, ".");
    for (unsigned i = 0; i < type->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &type->fields[i];
        if (strlen(f->name) != n || strncmp(f->name, path, n) != 0) continue;
        if (!path[n]) {
            *owner = type;
            return f;
        }
        if (f->type == PROTOBUF_C_TYPE_MESSAGE) return find_field(f->descriptor, path + n + 1, owner, depth + 1);
    }
    for (unsigned i = 0; i < type->n_fields; i++)
        if (type->fields[i].type == PROTOBUF_C_TYPE_MESSAGE) {
            const ProtobufCFieldDescriptor *f = find_field(type->fields[i].descriptor, path, owner, depth + 1);
            if (f) return f;
        }
    return NULL;
}

scr_status refusal_describe(const scr_app *app, const scr_refusal *refusal, scr_sb *words) {
    sb_append(words, app_text(app, code_text(refusal->code)));
    const ProtobufCServiceDescriptor *service = NULL;
    const ProtobufCMethodDescriptor *method = NULL;
    if (catalog_method(refusal->method, &service, &method) != SCR_OK) return SCR_OK;
    char token[96];
    size_t n = 0;
    const char *m = refusal->message;
    while (n + 1 < sizeof token && (islower((unsigned char)m[n]) || isdigit((unsigned char)m[n]) || m[n] == '_' || m[n] == '.'))
        token[n] = m[n], n++;
    token[n] = '\0';
    while (n && token[n - 1] == '.') token[--n] = '\0';
    const ProtobufCMessageDescriptor *owner = NULL;
    const ProtobufCFieldDescriptor *f = n ? find_field(method->input, token, &owner, 0) : NULL;
    if (!f) return SCR_OK;
    char key[256];
    snprintf(key, sizeof key, "%s.%s", owner->name, f->name);
    sb_printf(words, "\n「%s」", app_label(app, key, f->name));
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++)
        if (strstr(refusal->message, phrases[i].phrase)) {
            sb_printf(words, "：%s", app_text(app, phrases[i].gist));
            break;
        }
    return SCR_OK;
}

const char *check_words(const scr_app *app, scr_check check) {
    switch (check) {
    case CHECK_OK: return "";
    case CHECK_DATE_FORMAT: return app_text(app, T_CHECK_DATE_FORMAT);
    case CHECK_DATE_IMPOSSIBLE: return app_text(app, T_CHECK_DATE_IMPOSSIBLE);
    case CHECK_DATE_FUTURE: return app_text(app, T_CHECK_DATE_FUTURE);
    case CHECK_DATE_TOO_OLD: return app_text(app, T_CHECK_DATE_TOO_OLD);
    case CHECK_MONTH_FORMAT: return app_text(app, T_CHECK_MONTH_FORMAT);
    case CHECK_ID_LENGTH: return app_text(app, T_CHECK_ID_LENGTH);
    case CHECK_ID_DIGITS: return app_text(app, T_CHECK_ID_DIGITS);
    case CHECK_ID_DATE: return app_text(app, T_CHECK_ID_DATE);
    case CHECK_ID_CHECK_CHARACTER: return app_text(app, T_CHECK_ID_CHECK_CHARACTER);
    case CHECK_ID_BIRTH_DATE: return app_text(app, T_CHECK_ID_BIRTH_DATE);
    case CHECK_ID_SEX: return app_text(app, T_CHECK_ID_SEX);
    case CHECK_VILLAGE_FORMAT: return app_text(app, T_CHECK_VILLAGE_FORMAT);
    case CHECK_VILLAGE_ZERO: return app_text(app, T_CHECK_VILLAGE_ZERO);
    case CHECK_VILLAGE_OUTSIDE: return app_text(app, T_CHECK_VILLAGE_OUTSIDE);
    case CHECK_NUMBER: return app_text(app, T_CHECK_NUMBER);
    case CHECK_DECIMAL: return app_text(app, T_CHECK_DECIMAL);
    }
    return "";
}
