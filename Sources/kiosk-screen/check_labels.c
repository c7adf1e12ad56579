/*
 * `kiosk-screen --check-labels`: every label the screen would look up for the services in the
 * catalog — each service, each method a form is made for, every field of their request and answer
 * messages (nested ones too) and every value of their enums — must be in the label files in both
 * languages. Prints what is missing, one key a line, and how many; a partner adding a plugin runs it
 * after writing the plugin's label file.
 */
#include "screen.h"

#include <stdio.h>
#include <string.h>

typedef struct walk {
    const scr_labels *labels;
    const void *seen[512];
    size_t n_seen;
    int missing;
} walk;

static int seen_before(walk *w, const void *descriptor) {
    for (size_t i = 0; i < w->n_seen; i++)
        if (w->seen[i] == descriptor) return 1;
    if (w->n_seen < sizeof w->seen / sizeof *w->seen) w->seen[w->n_seen++] = descriptor;
    return 0;
}

static void need(walk *w, const char *key) {
    if (labels_complete(w->labels, key)) return;
    printf("%s %s\n", labels_text(w->labels, key, SCR_LANG_ZH) ? "incomplete:" : "missing:", key);
    w->missing++;
}

static void need_enum(walk *w, const ProtobufCEnumDescriptor *e) {
    if (seen_before(w, e)) return;
    char key[256];
    for (unsigned i = 0; i < e->n_values; i++) {
        if (e->values[i].value == 0) continue;   /* shown as "not chosen" */
        snprintf(key, sizeof key, "%s.%s", e->name, e->values[i].name);
        need(w, key);
    }
}

static void need_message(walk *w, const ProtobufCMessageDescriptor *m) {
    if (seen_before(w, m)) return;
    char key[256];
    for (unsigned i = 0; i < m->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &m->fields[i];
        snprintf(key, sizeof key, "%s.%s", m->name, f->name);
        need(w, key);
        if (f->type == PROTOBUF_C_TYPE_ENUM) need_enum(w, f->descriptor);
        if (f->type == PROTOBUF_C_TYPE_MESSAGE) need_message(w, f->descriptor);
    }
}

static int report_duplicate(const char *key, void *context) {
    walk *w = context;
    printf("duplicate: %s\n", key);
    w->missing++;
    return 0;
}

int check_labels_run(const scr_labels *labels, int lang_count) {
    (void)lang_count;
    const ProtobufCServiceDescriptor *const *services = NULL;
    const ProtobufCMessageDescriptor *const *messages = NULL;
    size_t n = 0, n_messages = 0;
    if (catalog_tables(&services, &n, &messages, &n_messages) != SCR_OK) return 1;
    walk w = {labels, {0}, 0, 0};
    char key[256];
    for (size_t i = 0; i < n; i++) {
        const ProtobufCServiceDescriptor *s = services[i];
        need(&w, s->name);
        for (unsigned k = 0; k < s->n_methods; k++) {
            const ProtobufCMethodDescriptor *m = &s->methods[k];
            snprintf(key, sizeof key, "%s/%s", s->name, m->name);
            need(&w, key);
            need_message(&w, m->input);
            need_message(&w, m->output);
        }
    }
    labels_duplicates(labels, report_duplicate, &w);
    printf("%zu label files, %zu entries, %d missing\n", labels_file_count(labels), labels_count(labels), w.missing);
    return w.missing ? 1 : 0;
}
