/* Telling the worker what became of a submission: accepted, waiting in the outbox, or refused. */
#include "form.h"
#include "ui.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

scr_status message_copy(const ProtobufCMessage *message, ProtobufCMessage **out) {
    *out = NULL;
    size_t size = protobuf_c_message_get_packed_size(message);
    uint8_t *bytes = malloc(size ? size : 1);
    if (!bytes) return SCR_ERR_NO_MEMORY;
    protobuf_c_message_pack(message, bytes);
    *out = protobuf_c_message_unpack(message->descriptor, NULL, size, bytes);
    free(bytes);
    return *out ? SCR_OK : SCR_ERR_NO_MEMORY;
}

scr_status show_refusal(scr_app *app, const char *title, const scr_refusal *refusal) {
    scr_sb words = {0};
    refusal_describe(app, refusal, &words);
    scr_status rc = ui_message(app, title, words.s, refusal->message);
    sb_free(&words);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}

scr_status show_waiting(scr_app *app, const char *title) {
    scr_status rc = ui_message(app, title, app_text(app, T_SAVED_OFFLINE), NULL);
    return rc == SCR_LEAVE ? SCR_LEAVE : SCR_OK;
}

scr_status pf_mark_refusal(scr_app *app, pf_form *form, const scr_refusal *refusal) {
    char path[128];
    size_t n = 0;
    const char *m = refusal->message;
    while (n + 1 < sizeof path && (islower((unsigned char)m[n]) || isdigit((unsigned char)m[n]) || m[n] == '_' || m[n] == '.'))
        path[n] = m[n], n++;
    while (n && path[n - 1] == '.') n--;
    path[n] = '\0';
    if (!n) return SCR_OK;
    pf_node *node = pf_find(form, path);
    if (!node) {
        /* "name: ..." about details.name: look one level down too. */
        for (size_t i = 0; i < form->root->n_children && !node; i++) {
            char nested[192];
            snprintf(nested, sizeof nested, "%s.%s", form->root->children[i]->field->name, path);
            node = pf_find(form, nested);
        }
    }
    if (!node) return SCR_OK;
    scr_sb words = {0};
    refusal_describe(app, refusal, &words);
    const char *line = words.s ? strchr(words.s, '\n') : NULL;
    free(node->refused);
    node->refused = strdup(line ? line + 1 : words.s ? words.s : "");
    sb_free(&words);
    return node->refused ? SCR_OK : SCR_ERR_NO_MEMORY;
}
