/*
 * catalog.h: the protobuf-c descriptors the screen knows, so that forms and answers need no code per
 * plugin. The tables are generated at build time from the headers protoc-c wrote for Protos/
 * (Tools/c-client/screen-catalog.sh): every service and message of kiosk.core, kiosk.host and
 * kiosk.plugins. A plugin added to Protos/ and regenerated is in the catalog at the next build.
 */
#ifndef SCREEN_CATALOG_H
#define SCREEN_CATALOG_H

#include "status.h"

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>

/* The generated tables (screen-catalog.c). */
scr_status catalog_tables(const ProtobufCServiceDescriptor *const **services, size_t *n_services,
                          const ProtobufCMessageDescriptor *const **messages, size_t *n_messages);

/* The message descriptor of a full name ("kiosk.plugins.nutrition.v1.SupportApplication"), or NULL. */
const ProtobufCMessageDescriptor *catalog_message(const char *full_name);

/* Finds the service and method of a path "/kiosk.core.v1.Children/RecordVisit". SCR_ERR_ARGUMENT when unknown. */
scr_status catalog_method(const char *path, const ProtobufCServiceDescriptor **service,
                          const ProtobufCMethodDescriptor **method);

/* Writes "/<service>/<method>" into buffer. */
scr_status catalog_method_path(const ProtobufCServiceDescriptor *service, const ProtobufCMethodDescriptor *method,
                               char *buffer, size_t size);

/* Non-zero when a method only reads: its name starts with Get, List, Search, Check, Export or Find
 * (the naming the protos follow). Anything else changes data and goes through the outbox. */
int catalog_method_reads(const ProtobufCMethodDescriptor *method);

/* Non-zero when a method is a stream (Follow*, Watch*): the generated forms leave those out. */
int catalog_method_streams(const ProtobufCMethodDescriptor *method);

/* The plugin id a service belongs to: "nutrition" for kiosk.plugins.nutrition.v1.*, written into
 * buffer; "" for services outside kiosk.plugins. Plugin ids are matched without their '_'. */
scr_status catalog_service_plugin(const ProtobufCServiceDescriptor *service, char *buffer, size_t size);

#endif
