/* Look-ups in the generated descriptor tables. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

const ProtobufCMessageDescriptor *catalog_message(const char *full_name) {
    const ProtobufCServiceDescriptor *const *services = NULL;
    const ProtobufCMessageDescriptor *const *messages = NULL;
    size_t n_services = 0, n_messages = 0;
    if (!full_name || catalog_tables(&services, &n_services, &messages, &n_messages) != SCR_OK) return NULL;
    for (size_t i = 0; i < n_messages; i++)
        if (strcmp(messages[i]->name, full_name) == 0) return messages[i];
    return NULL;
}

scr_status catalog_method(const char *path, const ProtobufCServiceDescriptor **service,
                          const ProtobufCMethodDescriptor **method) {
    const ProtobufCServiceDescriptor *const *services = NULL;
    const ProtobufCMessageDescriptor *const *messages = NULL;
    size_t n_services = 0, n_messages = 0;
    if (!path || path[0] != '/' || catalog_tables(&services, &n_services, &messages, &n_messages) != SCR_OK)
        return SCR_ERR_ARGUMENT;
    const char *slash = strchr(path + 1, '/');
    if (!slash) return SCR_ERR_ARGUMENT;
    size_t service_len = (size_t)(slash - path - 1);
    for (size_t i = 0; i < n_services; i++) {
        const ProtobufCServiceDescriptor *s = services[i];
        if (strlen(s->name) != service_len || strncmp(s->name, path + 1, service_len) != 0) continue;
        for (unsigned m = 0; m < s->n_methods; m++)
            if (strcmp(s->methods[m].name, slash + 1) == 0) {
                *service = s;
                *method = &s->methods[m];
                return SCR_OK;
            }
    }
    return SCR_ERR_ARGUMENT;
}

scr_status catalog_method_path(const ProtobufCServiceDescriptor *service, const ProtobufCMethodDescriptor *method,
                               char *buffer, size_t size) {
    int n = snprintf(buffer, size, "/%s/%s", service->name, method->name);
    return n > 0 && (size_t)n < size ? SCR_OK : SCR_ERR_ARGUMENT;
}

int catalog_method_reads(const ProtobufCMethodDescriptor *method) {
    static const char *const verbs[] = {"Get", "List", "Search", "Check", "Export", "Find"};
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
        size_t n = strlen(verbs[i]);
        const char *name = method->name;
        if (strncmp(name, verbs[i], n) == 0 && (name[n] == '\0' || (name[n] >= 'A' && name[n] <= 'Z'))) return 1;
    }
    return 0;
}

int catalog_method_streams(const ProtobufCMethodDescriptor *method) {
    return strncmp(method->name, "Follow", 6) == 0 || strncmp(method->name, "Watch", 5) == 0;
}

scr_status catalog_service_plugin(const ProtobufCServiceDescriptor *service, char *buffer, size_t size) {
    static const char prefix[] = "kiosk.plugins.";
    if (!size) return SCR_ERR_ARGUMENT;
    buffer[0] = '\0';
    if (strncmp(service->package, prefix, sizeof prefix - 1) != 0) return SCR_OK;
    const char *name = service->package + sizeof prefix - 1;
    size_t n = strcspn(name, ".");
    if (n + 1 > size) return SCR_ERR_ARGUMENT;
    memcpy(buffer, name, n);
    buffer[n] = '\0';
    return SCR_OK;
}
