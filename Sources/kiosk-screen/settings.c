/* Settings of the screen: flags first, then the environment, then defaults (`kiosk-screen --help`). */
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SCREEN_LABELS_DIR
#define SCREEN_LABELS_DIR "/usr/local/share/kiosk-screen/labels"
#endif

static const char usage[] =
    "usage: kiosk-screen [--host H] [--port P] [--ca FILE [--ca-fingerprint HEX]] [--kiosk ID] [--credential C]\n"
    "                    [--outbox-dir DIR] [--labels DIR] [--lang zh|en] [--brand TEXT] [--retry-seconds N]\n"
    "       kiosk-screen --check-labels [--labels DIR]\n"
    "\n"
    "The full-screen kiosk for village, township and county child welfare workers (docs/KIOSK-SCREEN.md).\n"
    "\n"
    "  --host, --port         the server (KIOSK_HOST, KIOSK_PORT; 127.0.0.1, 7443)\n"
    "  --ca                   the county CA's certificate (PEM): connect with TLS (KIOSK_CA); without it,\n"
    "                         plaintext, only to a loopback address (docs/CERTIFICATES.md)\n"
    "  --ca-fingerprint       the CA certificate's SHA-256 fingerprint, 64 hex digits (KIOSK_CA_FINGERPRINT)\n"
    "  --kiosk, --credential  this kiosk's id and credential from `kioskctl kiosk add` (KIOSK_ID, KIOSK_CREDENTIAL)\n"
    "  --outbox-dir           where each worker's outbox file is kept (KIOSK_SCREEN_OUTBOX_DIR; .)\n"
    "  --labels               the directory of *.labels files (KIOSK_SCREEN_LABELS; " SCREEN_LABELS_DIR ")\n"
    "  --lang                 zh (Simplified Chinese, the default) or en (KIOSK_SCREEN_LANG)\n"
    "  --brand                the name in the top line (KIOSK_SCREEN_BRAND)\n"
    "  --retry-seconds        seconds between attempts to send waiting submissions while the server\n"
    "                         cannot be reached, doubling up to four times that (KIOSK_SCREEN_RETRY_SECONDS; 10)\n"
    "  --check-labels         list the labels the installed protos need and the label files lack; exit 1 if any\n";

const char *settings_usage(void) { return usage; }

static const char *env_or(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static scr_status parse_unsigned(const char *text, unsigned low, unsigned high, unsigned *out) {
    char *end = NULL;
    unsigned long v = strtoul(text ? text : "", &end, 10);
    if (!text || !*text || *end || v < low || v > high) return SCR_ERR_ARGUMENT;
    *out = (unsigned)v;
    return SCR_OK;
}

static scr_status parse_lang(const char *text, int *out) {
    if (!strcmp(text, "zh")) *out = SCR_LANG_ZH;
    else if (!strcmp(text, "en")) *out = SCR_LANG_EN;
    else return SCR_ERR_ARGUMENT;
    return SCR_OK;
}

scr_status settings_read(scr_settings *s, int argc, char **argv, char *error, size_t error_size) {
    memset(s, 0, sizeof *s);
    s->host = env_or("KIOSK_HOST", "127.0.0.1");
    s->kiosk_id = env_or("KIOSK_ID", "");
    s->credential = env_or("KIOSK_CREDENTIAL", "");
    s->ca_file = env_or("KIOSK_CA", NULL);
    s->ca_fingerprint = env_or("KIOSK_CA_FINGERPRINT", NULL);
    s->outbox_dir = env_or("KIOSK_SCREEN_OUTBOX_DIR", ".");
    s->labels_dir = env_or("KIOSK_SCREEN_LABELS", SCREEN_LABELS_DIR);
    s->brand = env_or("KIOSK_SCREEN_BRAND", NULL);
    const char *port = env_or("KIOSK_PORT", "7443"), *lang = env_or("KIOSK_SCREEN_LANG", "zh");
    const char *retry = env_or("KIOSK_SCREEN_RETRY_SECONDS", "10");
    for (int i = 1; i < argc; i++) {
        const char *flag = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
        const char **target = !strcmp(flag, "--host") ? &s->host : !strcmp(flag, "--port") ? &port
                            : !strcmp(flag, "--kiosk") ? &s->kiosk_id : !strcmp(flag, "--credential") ? &s->credential
                            : !strcmp(flag, "--outbox-dir") ? &s->outbox_dir : !strcmp(flag, "--labels") ? &s->labels_dir
                            : !strcmp(flag, "--lang") ? &lang : !strcmp(flag, "--brand") ? &s->brand
                            : !strcmp(flag, "--retry-seconds") ? &retry : !strcmp(flag, "--ca") ? &s->ca_file
                            : !strcmp(flag, "--ca-fingerprint") ? &s->ca_fingerprint : NULL;
        if (!strcmp(flag, "--check-labels")) {
            s->check_labels = 1;
            continue;
        }
        if (!target) {
            snprintf(error, error_size, "unknown argument %s", flag);
            return SCR_ERR_ARGUMENT;
        }
        if (!value) {
            snprintf(error, error_size, "%s needs a value", flag);
            return SCR_ERR_ARGUMENT;
        }
        *target = value;
        i++;
    }
    if (parse_unsigned(port, 1, 65535, &s->port) != SCR_OK) {
        snprintf(error, error_size, "port %s is not 1 to 65535", port);
        return SCR_ERR_ARGUMENT;
    }
    if (parse_lang(lang, &s->lang) != SCR_OK) {
        snprintf(error, error_size, "language %s is not zh or en", lang);
        return SCR_ERR_ARGUMENT;
    }
    if (parse_unsigned(retry, 1, 3600, &s->retry_seconds) != SCR_OK) {
        snprintf(error, error_size, "retry seconds %s is not 1 to 3600", retry);
        return SCR_ERR_ARGUMENT;
    }
    if (!s->check_labels && (!*s->kiosk_id || !*s->credential)) {
        snprintf(error, error_size, "set the kiosk's id and credential (--kiosk, --credential or KIOSK_ID, KIOSK_CREDENTIAL)");
        return SCR_ERR_ARGUMENT;
    }
    return SCR_OK;
}
