/* Messages as lines for people (render.h). */
#include "render.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

scr_status render_time(int64_t unix_seconds, char out[20]) {
    time_t t = (time_t)unix_seconds + 8 * 3600;
    struct tm utc;
    if (!gmtime_r(&t, &utc)) return SCR_ERR_ARGUMENT;
    strftime(out, 20, "%Y-%m-%d %H:%M", &utc);
    return SCR_OK;
}

const char *render_enum(const scr_app *app, const ProtobufCEnumDescriptor *type, int value) {
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(type, value);
    if (!v) return "?";
    if (value == 0) return app_text(app, T_NOT_GIVEN);
    char key[256];
    snprintf(key, sizeof key, "%s.%s", type->name, v->name);
    return app_label(app, key, v->name);
}

scr_status render_package_of(const char *full_name, char *buffer, size_t size) {
    const char *dot = strrchr(full_name, '.');
    size_t n = dot ? (size_t)(dot - full_name) : 0;
    if (n + 1 > size) return SCR_ERR_ARGUMENT;
    memcpy(buffer, full_name, n);
    buffer[n] = '\0';
    return SCR_OK;
}

static int is_utf8_text(const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (data[i] == 0 || (data[i] < 32 && data[i] != '\n' && data[i] != '\r' && data[i] != '\t')) return 0;
    return 1;
}

static const ProtobufCFieldDescriptor *field_named(const ProtobufCMessageDescriptor *d, const char *name) {
    return protobuf_c_message_descriptor_get_field_by_name(d, name);
}

/* A message of the shape (rule, passed, explanation) is a check. */
static int is_check(const ProtobufCMessageDescriptor *d) {
    const ProtobufCFieldDescriptor *rule = field_named(d, "rule"), *passed = field_named(d, "passed"),
                                   *explanation = field_named(d, "explanation");
    return rule && passed && explanation && rule->type == PROTOBUF_C_TYPE_STRING && passed->type == PROTOBUF_C_TYPE_BOOL &&
           explanation->type == PROTOBUF_C_TYPE_STRING;
}

scr_status render_check(scr_render *r, const char *rule, int passed, const char *explanation, const char *package,
                        int indent) {
    char key[256];
    snprintf(key, sizeof key, "%s.check.%s", package ? package : "", rule);
    scr_sb line = {0};
    for (int i = 0; i < indent; i++) sb_append(&line, " ");
    sb_printf(&line, "%s %s — %s", passed ? "✓" : "✗", app_label(r->app, key, rule), explanation);
    scr_status rc = list_add_wrapped(r->out, line.s, r->width, indent + 2, 0, passed ? STYLE_OK : STYLE_ERROR, 0);
    sb_free(&line);
    return rc;
}

/* The text of one scalar value. */
static scr_status scalar_text(scr_render *r, const ProtobufCFieldDescriptor *f, const void *slot, scr_sb *out) {
    size_t n = strlen(f->name);
    int is_time = n > 5 && strcmp(f->name + n - 5, "_unix") == 0;
    switch (f->type) {
    case PROTOBUF_C_TYPE_STRING: return sb_append(out, *(char *const *)slot);
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *b = slot;
        if (is_utf8_text(b->data, b->len)) return sb_appendn(out, (const char *)b->data, b->len);
        return sb_printf(out, app_text(r->app, T_BYTES_N), b->len);
    }
    case PROTOBUF_C_TYPE_BOOL: return sb_append(out, app_text(r->app, *(const protobuf_c_boolean *)slot ? T_YES : T_NO));
    case PROTOBUF_C_TYPE_ENUM: return sb_append(out, render_enum(r->app, f->descriptor, *(const int *)slot));
    case PROTOBUF_C_TYPE_FLOAT: return sb_printf(out, "%g", *(const float *)slot);
    case PROTOBUF_C_TYPE_DOUBLE: return sb_printf(out, "%g", *(const double *)slot);
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64: {
        int64_t v = *(const int64_t *)slot;
        if (is_time) {
            char when[20];
            render_time(v, when);
            return sb_append(out, when);
        }
        return sb_printf(out, "%" PRId64, v);
    }
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: return sb_printf(out, "%" PRIu64, *(const uint64_t *)slot);
    case PROTOBUF_C_TYPE_UINT32: case PROTOBUF_C_TYPE_FIXED32: return sb_printf(out, "%" PRIu32, *(const uint32_t *)slot);
    case PROTOBUF_C_TYPE_MESSAGE: return SCR_ERR_ARGUMENT;
    default: return sb_printf(out, "%" PRId32, *(const int32_t *)slot);
    }
}

static int slot_is_default(const ProtobufCFieldDescriptor *f, const void *slot) {
    switch (f->type) {
    case PROTOBUF_C_TYPE_STRING: return !*(char *const *)slot || !**(char *const *)slot;
    case PROTOBUF_C_TYPE_BYTES: return ((const ProtobufCBinaryData *)slot)->len == 0;
    case PROTOBUF_C_TYPE_BOOL: return !*(const protobuf_c_boolean *)slot;
    case PROTOBUF_C_TYPE_ENUM: return *(const int *)slot == 0;
    case PROTOBUF_C_TYPE_FLOAT: return *(const float *)slot == 0;
    case PROTOBUF_C_TYPE_DOUBLE: return *(const double *)slot == 0;
    case PROTOBUF_C_TYPE_MESSAGE: return !*(ProtobufCMessage *const *)slot;
    case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: return *(const uint64_t *)slot == 0;
    default: return *(const uint32_t *)slot == 0;
    }
}

static scr_status line_with_label(scr_render *r, int indent, const char *label, const char *value) {
    scr_sb line = {0};
    for (int i = 0; i < indent; i++) sb_append(&line, " ");
    sb_printf(&line, "%s：%s", label, value);
    scr_status rc = list_add_wrapped(r->out, line.s, r->width, indent + 2, 0, STYLE_NORMAL, 0);
    sb_free(&line);
    return rc;
}

static scr_status render_item(scr_render *r, const ProtobufCMessage *m, int indent, const char *package);

/* The payload of an application, decoded by its payload_type when the catalog knows it. */
static scr_status render_payload(scr_render *r, const ProtobufCMessage *m, const ProtobufCBinaryData *payload,
                                 const char *label, int indent) {
    const ProtobufCFieldDescriptor *type_field = field_named(m->descriptor, "payload_type");
    const char *type_name = type_field ? *(char *const *)((const char *)m + type_field->offset) : NULL;
    const ProtobufCMessageDescriptor *type = catalog_message(type_name);
    ProtobufCMessage *decoded = type ? protobuf_c_message_unpack(type, NULL, payload->len, payload->data) : NULL;
    if (!decoded) return line_with_label(r, indent, label, app_text(r->app, T_PAYLOAD_UNKNOWN));
    scr_sb heading = {0};
    for (int i = 0; i < indent; i++) sb_append(&heading, " ");
    sb_printf(&heading, "%s：%s", label, app_label(r->app, type->name, type->short_name));
    scr_status rc = list_add(r->out, heading.s, 0, STYLE_HEADING, 0);
    sb_free(&heading);
    if (rc == SCR_OK) rc = render_message(r, decoded, indent + 2);
    protobuf_c_message_free_unpacked(decoded, NULL);
    return rc;
}

static scr_status render_field(scr_render *r, const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f, int indent) {
    const char *base = (const char *)m;
    char key[256], package[128];
    snprintf(key, sizeof key, "%s.%s", m->descriptor->name, f->name);
    const char *label = app_label(r->app, key, f->name);
    render_package_of(m->descriptor->name, package, sizeof package);
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF && *(const uint32_t *)(base + f->quantifier_offset) != f->id) return SCR_OK;
    if (f->label == PROTOBUF_C_LABEL_REPEATED) {
        size_t n = *(const size_t *)(base + f->quantifier_offset);
        const char *array = *(char *const *)(base + f->offset);
        if (!n) return SCR_OK;
        scr_sb heading = {0};
        sb_printf(&heading, "%*s", indent, "");
        sb_printf(&heading, app_text(r->app, T_HEADING_COUNT), label, n);
        scr_status rc = list_add(r->out, heading.s, 0, STYLE_HEADING, 0);
        sb_free(&heading);
        size_t size = f->type == PROTOBUF_C_TYPE_MESSAGE ? sizeof(void *) : 0;
        for (size_t i = 0; i < n && rc == SCR_OK; i++) {
            if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
                rc = render_item(r, *(ProtobufCMessage *const *)(array + i * size), indent + 2, package);
                continue;
            }
            scr_sb value = {0};
            const void *slot = NULL;
            switch (f->type) {
            case PROTOBUF_C_TYPE_STRING: slot = array + i * sizeof(char *); break;
            case PROTOBUF_C_TYPE_ENUM: slot = array + i * sizeof(int); break;
            case PROTOBUF_C_TYPE_BOOL: slot = array + i * sizeof(protobuf_c_boolean); break;
            case PROTOBUF_C_TYPE_DOUBLE: case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64:
            case PROTOBUF_C_TYPE_SFIXED64: case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64:
                slot = array + i * 8;
                break;
            case PROTOBUF_C_TYPE_BYTES: slot = array + i * sizeof(ProtobufCBinaryData); break;
            default: slot = array + i * 4; break;
            }
            scalar_text(r, f, slot, &value);
            scr_sb line = {0};
            sb_printf(&line, "%*s%zu. %s", indent + 2, "", i + 1, value.s ? value.s : "");
            rc = list_add_wrapped(r->out, line.s, r->width, indent + 5, 0, STYLE_NORMAL, 0);
            sb_free(&line);
            sb_free(&value);
        }
        return rc;
    }
    const void *slot = base + f->offset;
    if (slot_is_default(f, slot)) return SCR_OK;
    if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
        const ProtobufCMessage *sub = *(ProtobufCMessage *const *)slot;
        if (is_check(sub->descriptor)) return render_item(r, sub, indent, package);
        scr_status rc = list_addf(r->out, 0, STYLE_HEADING, 0, "%*s%s", indent, "", label);
        return rc == SCR_OK ? render_message(r, sub, indent + 2) : rc;
    }
    if (f->type == PROTOBUF_C_TYPE_BYTES && !strcmp(f->name, "payload"))
        return render_payload(r, m, slot, label, indent);
    scr_sb value = {0};
    scr_status rc = scalar_text(r, f, slot, &value);
    if (rc == SCR_OK) rc = line_with_label(r, indent, label, value.s ? value.s : "");
    sb_free(&value);
    return rc;
}

/* One element of a repeated message: a check on one line, anything else as a numbered block. */
static scr_status render_item(scr_render *r, const ProtobufCMessage *m, int indent, const char *package) {
    if (!m) return SCR_OK;
    const ProtobufCMessageDescriptor *d = m->descriptor;
    if (is_check(d)) {
        const char *base = (const char *)m;
        const char *rule = *(char *const *)(base + field_named(d, "rule")->offset);
        int passed = *(const protobuf_c_boolean *)(base + field_named(d, "passed")->offset);
        const char *explanation = *(char *const *)(base + field_named(d, "explanation")->offset);
        return render_check(r, rule, passed, explanation, r->check_package ? r->check_package : package, indent);
    }
    scr_status rc = list_addf(r->out, 0, STYLE_DIM, 0, "%*s—", indent, "");
    return rc == SCR_OK ? render_message(r, m, indent + 2) : rc;
}

scr_status render_message(scr_render *r, const ProtobufCMessage *message, int indent) {
    if (!message) return SCR_OK;
    const ProtobufCMessageDescriptor *d = message->descriptor;
    scr_status rc = SCR_OK;
    for (unsigned i = 0; i < d->n_fields && rc == SCR_OK; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (!strcmp(f->name, "payload_type") && field_named(d, "payload")) continue;
        rc = render_field(r, message, f, indent);
    }
    return rc;
}
