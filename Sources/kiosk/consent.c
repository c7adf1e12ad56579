/* The `kiosk` commands for guardians' consent, urgent overrides and the access log (kiosk.core.v1.Consent, Audit). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "kiosk/core/v1/audit.pb-c.h"
#include "kiosk/core/v1/consent.pb-c.h"
#include "print.h"

#include <stdio.h>
#include <string.h>

/* A read: calls, prints the answer, or `empty` when `count` of the answer is 0. */
static int read_and_print(app *a, const char *method, const ProtobufCMessage *request, const ProtobufCMessageDescriptor *type,
                          size_t (*count)(const ProtobufCMessage *), const char *empty) {
    ProtobufCMessage *answer = NULL;
    kiosk_status_t rc = kiosk_client_call(a->client, method, NULL, request, type, &answer);
    if (rc != KIOSK_OK) return cli_fail(a, rc);
    if (count(answer) == 0) puts(empty);
    else kiosk_print_message(stdout, answer, 0);
    protobuf_c_message_free_unpacked(answer, NULL);
    return 0;
}

static size_t count_consents(const ProtobufCMessage *m) { return ((const Kiosk__Core__V1__ListConsentsResponse *)m)->n_consents; }
static size_t count_overrides(const ProtobufCMessage *m) { return ((const Kiosk__Core__V1__ListUrgentOverridesResponse *)m)->n_overrides; }
static size_t count_entries(const ProtobufCMessage *m) { return ((const Kiosk__Core__V1__ListAccessResponse *)m)->n_entries; }
static size_t count_purposes(const ProtobufCMessage *m) { return ((const Kiosk__Core__V1__ListPurposesResponse *)m)->n_purposes; }

int cli_consents(app *a, int argc, char **argv) {
    if (argc < 1) return fputs("usage: kiosk consents CHILD_ID\n", stderr), CLI_USAGE;
    Kiosk__Core__V1__ListConsentsRequest r = KIOSK__CORE__V1__LIST_CONSENTS_REQUEST__INIT;
    r.child_id = argv[0];
    return read_and_print(a, "/kiosk.core.v1.Consent/ListConsents", &r.base, &kiosk__core__v1__list_consents_response__descriptor,
                          count_consents, "no consents recorded");
}

int cli_purposes(app *a) {
    Kiosk__Core__V1__ListPurposesRequest r = KIOSK__CORE__V1__LIST_PURPOSES_REQUEST__INIT;
    return read_and_print(a, "/kiosk.core.v1.Consent/ListPurposes", &r.base, &kiosk__core__v1__list_purposes_response__descriptor,
                          count_purposes, "no purposes");
}

int cli_overrides(app *a, int argc, char **argv) {
    Kiosk__Core__V1__ListUrgentOverridesRequest r = KIOSK__CORE__V1__LIST_URGENT_OVERRIDES_REQUEST__INIT;
    if (argc >= 1 && strcmp(argv[0], "all")) return fputs("usage: kiosk overrides [all]\n", stderr), CLI_USAGE;
    r.include_reviewed = argc >= 1;
    return read_and_print(a, "/kiosk.core.v1.Consent/ListUrgentOverrides", &r.base,
                          &kiosk__core__v1__list_urgent_overrides_response__descriptor, count_overrides,
                          r.include_reviewed ? "no urgent overrides" : "no urgent overrides waiting for county review");
}

int cli_access(app *a, int argc, char **argv) {
    if (argc < 1) return fputs("usage: kiosk access CHILD_ID\n", stderr), CLI_USAGE;
    Kiosk__Core__V1__ListAccessRequest r = KIOSK__CORE__V1__LIST_ACCESS_REQUEST__INIT;
    r.child_id = argv[0];
    r.page_size = 100;
    return read_and_print(a, "/kiosk.core.v1.Audit/ListAccess", &r.base, &kiosk__core__v1__list_access_response__descriptor,
                          count_entries, "no access recorded");
}

/* GIVER is caregiver:CAREGIVER_ID or child; METHOD is paper or verbal:WITNESS_WORKER_ID. */
static int parse_giver_and_method(Kiosk__Core__V1__RecordConsentRequest *r, char *giver, char *method) {
    if (!strncmp(giver, "caregiver:", 10) && giver[10]) {
        r->given_by = KIOSK__CORE__V1__CONSENT_GIVER__CONSENT_GIVER_CAREGIVER;
        r->caregiver_id = giver + 10;
    } else if (!strcmp(giver, "child")) {
        r->given_by = KIOSK__CORE__V1__CONSENT_GIVER__CONSENT_GIVER_CHILD;
    } else {
        fprintf(stderr, "kiosk: consent: GIVER is caregiver:CAREGIVER_ID or child, not '%s'\n", giver);
        return 0;
    }
    if (!strcmp(method, "paper")) {
        r->method = KIOSK__CORE__V1__CONSENT_METHOD__CONSENT_METHOD_SIGNED_PAPER;
    } else if (!strncmp(method, "verbal:", 7) && method[7]) {
        r->method = KIOSK__CORE__V1__CONSENT_METHOD__CONSENT_METHOD_VERBAL_WITNESSED;
        r->witness_worker_id = method + 7;
    } else {
        fprintf(stderr, "kiosk: consent: METHOD is paper or verbal:WITNESS_WORKER_ID, not '%s'\n", method);
        return 0;
    }
    return 1;
}

int cli_consent(app *a, int argc, char **argv) {
    if (argc < 5) {
        fputs("usage: kiosk consent CHILD_ID PURPOSE caregiver:CAREGIVER_ID|child paper|verbal:WITNESS GIVEN_ON\n", stderr);
        return CLI_USAGE;
    }
    Kiosk__Core__V1__RecordConsentRequest r = KIOSK__CORE__V1__RECORD_CONSENT_REQUEST__INIT;
    if (!parse_giver_and_method(&r, argv[2], argv[3])) return CLI_USAGE;
    r.child_id = argv[0];
    r.purpose = argv[1];
    r.given_on = argv[4];
    return cli_submit_message(a, "/kiosk.core.v1.Consent/RecordConsent", &r.base, "record consent",
                              &kiosk__core__v1__record_consent_response__descriptor);
}

int cli_withdraw_consent(app *a, int argc, char **argv) {
    if (argc < 2) return fputs("usage: kiosk withdraw-consent CONSENT_ID REASON [DATE]\n", stderr), CLI_USAGE;
    Kiosk__Core__V1__WithdrawConsentRequest r = KIOSK__CORE__V1__WITHDRAW_CONSENT_REQUEST__INIT;
    r.consent_id = argv[0];
    r.reason = argv[1];
    if (argc > 2) r.withdrawn_on = argv[2];
    return cli_submit_message(a, "/kiosk.core.v1.Consent/WithdrawConsent", &r.base, "withdraw consent",
                              &kiosk__core__v1__withdraw_consent_response__descriptor);
}

int cli_override(app *a, int argc, char **argv) {
    if (argc < 3) return fputs("usage: kiosk override CHILD_ID PURPOSE REASON\n", stderr), CLI_USAGE;
    Kiosk__Core__V1__RecordUrgentOverrideRequest r = KIOSK__CORE__V1__RECORD_URGENT_OVERRIDE_REQUEST__INIT;
    r.child_id = argv[0];
    r.purpose = argv[1];
    r.reason = argv[2];
    return cli_submit_message(a, "/kiosk.core.v1.Consent/RecordUrgentOverride", &r.base, "urgent override",
                              &kiosk__core__v1__record_urgent_override_response__descriptor);
}

int cli_review_override(app *a, int argc, char **argv) {
    if (argc < 2) return fputs("usage: kiosk review-override OVERRIDE_ID NOTE\n", stderr), CLI_USAGE;
    Kiosk__Core__V1__ReviewUrgentOverrideRequest r = KIOSK__CORE__V1__REVIEW_URGENT_OVERRIDE_REQUEST__INIT;
    r.override_id = argv[0];
    r.note = argv[1];
    return cli_submit_message(a, "/kiosk.core.v1.Consent/ReviewUrgentOverride", &r.base, "review override",
                              &kiosk__core__v1__review_urgent_override_response__descriptor);
}
