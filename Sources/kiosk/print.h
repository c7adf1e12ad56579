/* Prints any protobuf-c message in protobuf text format, for people at a terminal. */
#ifndef KIOSK_PRINT_H
#define KIOSK_PRINT_H

#include <stdio.h>
#include <protobuf-c/protobuf-c.h>

void kiosk_print_message(FILE *out, const ProtobufCMessage *message, int indent);

#endif
