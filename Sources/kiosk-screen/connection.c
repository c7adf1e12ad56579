/*
 * The connection to the server, set up in this one place: the client library's options for a screen
 * that must stay responsive. A call that cannot connect gives up after two quick attempts (the outbox
 * keeps submissions, and the screen retries them in the background) instead of the library's five.
 * TLS: with a CA file (--ca, KIOSK_CA) the library verifies the server's certificate against it.
 */
#include "screen.h"

scr_status connection_open(const scr_settings *settings, kiosk_client **out) {
    kiosk_options options;
    kiosk_options_init(&options);
    options.connect_timeout_ms = 3000;
    options.call_timeout_ms = 15000;
    options.connect_attempts = 2;
    options.backoff_initial_ms = 300;
    options.backoff_max_ms = 1000;
    options.client_agent = "kiosk-screen/1.0";
    options.ca_file = settings->ca_file;
    options.ca_fingerprint_sha256 = settings->ca_fingerprint;
    kiosk_status_t rc = kiosk_client_new(settings->host, (uint16_t)settings->port, settings->kiosk_id,
                                         settings->credential, &options, out);
    return rc == KIOSK_OK ? SCR_OK : rc == KIOSK_ERR_NO_MEMORY ? SCR_ERR_NO_MEMORY : SCR_ERR_ARGUMENT;
}
