/* Signing a worker in and out, and the session the client holds. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "kiosk/core/v1/session.pb-c.h"

#include <stdlib.h>
#include <string.h>

/* Forgets the answer of an earlier sign-in. */
static void forget_sign_in(kiosk_client *c) {
    if (c->sign_in) protobuf_c_message_free_unpacked(c->sign_in, NULL);
    c->sign_in = NULL;
}

const char *kiosk_client_session_token(const kiosk_client *c) { return c ? c->session_token : NULL; }

kiosk_status_t kiosk_client_set_session_token(kiosk_client *c, const char *token) {
    if (!c) return KIOSK_ERR_ARGUMENT;
    char *copy = NULL;
    if (token && !(copy = kc_strdup(token))) return kc_fail(c, KIOSK_ERR_NO_MEMORY, "out of memory");
    free(c->session_token);
    c->session_token = copy;
    forget_sign_in(c);
    c->error[0] = '\0';
    return KIOSK_OK;
}

kiosk_status_t kiosk_client_sign_in(kiosk_client *c, const char *worker_id, const char *pin) {
    if (!c || !worker_id || !pin) return c ? kc_fail(c, KIOSK_ERR_ARGUMENT, "invalid argument") : KIOSK_ERR_ARGUMENT;
    Kiosk__Core__V1__SignInRequest request = KIOSK__CORE__V1__SIGN_IN_REQUEST__INIT;
    request.worker_id = (char *)worker_id;
    request.pin = (char *)pin;
    ProtobufCMessage *answer = NULL;
    kiosk_client_set_session_token(c, NULL);
    kiosk_status_t rc = kiosk_client_call(c, "/kiosk.core.v1.Session/SignIn", NULL, &request.base,
                                          &kiosk__core__v1__sign_in_response__descriptor, &answer);
    if (rc != KIOSK_OK) return rc;
    const Kiosk__Core__V1__SignInResponse *signed_in = (const Kiosk__Core__V1__SignInResponse *)answer;
    if (!signed_in->session_token || !*signed_in->session_token) {
        protobuf_c_message_free_unpacked(answer, NULL);
        return kc_fail(c, KIOSK_ERR_PROTOCOL, "the server answered SignIn without a session token");
    }
    rc = kiosk_client_set_session_token(c, signed_in->session_token);
    if (rc == KIOSK_OK) c->sign_in = answer; /* the client owns it from here; freed by forget_sign_in */
    else protobuf_c_message_free_unpacked(answer, NULL);
    return rc;
}

kiosk_status_t kiosk_client_session_info(kiosk_client *c, kiosk_session_info *info) {
    if (!c || !info) return c ? kc_fail(c, KIOSK_ERR_ARGUMENT, "invalid argument") : KIOSK_ERR_ARGUMENT;
    memset(info, 0, sizeof *info);
    if (!c->sign_in) return kc_fail(c, KIOSK_ERR_ARGUMENT, "no sign-in answer: sign in, or call Session/WhoAmI");
    const Kiosk__Core__V1__SignInResponse *answer = (const Kiosk__Core__V1__SignInResponse *)c->sign_in;
    const Kiosk__Core__V1__Worker *worker = answer->worker;
    info->worker_id = worker && worker->worker_id ? worker->worker_id : "";
    info->display_name = worker && worker->display_name ? worker->display_name : "";
    info->role = worker ? (uint32_t)worker->role : 0;
    info->jurisdiction = worker && worker->jurisdiction ? worker->jurisdiction : "";
    info->expires_at_unix = answer->expires_at_unix;
    c->error[0] = '\0';
    return KIOSK_OK;
}

kiosk_status_t kiosk_client_sign_out(kiosk_client *c) {
    if (!c) return KIOSK_ERR_ARGUMENT;
    Kiosk__Core__V1__SignOutRequest request = KIOSK__CORE__V1__SIGN_OUT_REQUEST__INIT;
    ProtobufCMessage *answer = NULL;
    kiosk_status_t rc = kiosk_client_call(c, "/kiosk.core.v1.Session/SignOut", NULL, &request.base,
                                          &kiosk__core__v1__sign_out_response__descriptor, &answer);
    if (answer) protobuf_c_message_free_unpacked(answer, NULL);
    if (rc == KIOSK_OK) kiosk_client_set_session_token(c, NULL);
    return rc;
}
