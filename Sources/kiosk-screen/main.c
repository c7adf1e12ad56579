/*
 * kiosk-screen: the reference kiosk screen for village, township and county child welfare workers,
 * on the thin C client (docs/KIOSK-SCREEN.md). Chinese first; every change through the outbox.
 */
#include "ui.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* Wide characters need a UTF-8 locale; a kiosk started with LANG=C still gets one. */
static scr_status use_utf8(void) {
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return SCR_OK;
    if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "en_US.UTF-8")) return SCR_OK;
    return SCR_ERR_TERMINAL;
}

static int run(scr_app *app) {
    if (ui_start(app) != SCR_OK) {
        fputs("kiosk-screen: cannot set up the terminal\n", stderr);
        return 1;
    }
    while (app->leaving != 2) {
        if (screen_sign_in(app) != SCR_OK) break;
        screen_home(app);
        session_end(app);
    }
    ui_stop(app);
    return 0;
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(settings_usage(), stdout);
            return 0;
        }
    if (use_utf8() != SCR_OK) fputs("kiosk-screen: no UTF-8 locale: Chinese text will not show\n", stderr);
    scr_settings settings;
    char error[512] = "";
    if (settings_read(&settings, argc, argv, error, sizeof error) != SCR_OK) {
        fprintf(stderr, "kiosk-screen: %s\n%s", error, settings_usage());
        return 64;
    }
    if (settings.check_labels) {
        scr_labels *labels = NULL;
        if (labels_open(settings.labels_dir, &labels) != SCR_OK) {
            fprintf(stderr, "kiosk-screen: %s\n", labels_error(labels));
            labels_free(labels);
            return 1;
        }
        int status = check_labels_run(labels, SCR_LANGS);
        labels_free(labels);
        return status;
    }
    /* A write to a server that went away must not end the program (the client also sends with MSG_NOSIGNAL). */
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, NULL);
    /* A launcher may start the screen with signals blocked (the mask is inherited across exec): a
     * blocked SIGWINCH would leave the layout at the old size after a resize, and a blocked SIGTERM
     * would keep the kiosk from being stopped. */
    sigset_t needed;
    sigemptyset(&needed);
    sigaddset(&needed, SIGWINCH);
    sigaddset(&needed, SIGTERM);
    sigaddset(&needed, SIGHUP);
    sigaddset(&needed, SIGINT);
    sigprocmask(SIG_UNBLOCK, &needed, NULL);
    scr_app *app = NULL;
    if (app_new(&settings, &app, error, sizeof error) != SCR_OK) {
        fprintf(stderr, "kiosk-screen: %s\n", error);
        return 1;
    }
    int status = run(app);
    app_free(app);
    return status;
}
