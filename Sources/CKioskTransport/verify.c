/* Why a server's certificate was not accepted, said so that a kiosk vendor knows what to change;
 * and the optional pin of the county CA. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* A certificate time as YYYY-MM-DD (UTC). */
static void day_text(const ASN1_TIME *time, char *out, size_t size) {
    struct tm tm;
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1 || strftime(out, size, "%Y-%m-%d", &tm) == 0) snprintf(out, size, "?");
}

/* The DNS names and IP addresses a certificate lists, comma-separated. */
static void names_text(X509 *certificate, char *out, size_t size) {
    out[0] = '\0';
    GENERAL_NAMES *names = certificate ? X509_get_ext_d2i(certificate, NID_subject_alt_name, NULL, NULL) : NULL;
    size_t used = 0;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); i++) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        char one[INET6_ADDRSTRLEN + 1] = "";
        if (name->type == GEN_DNS) {
            snprintf(one, sizeof one, "%.*s", ASN1_STRING_length(name->d.dNSName), (const char *)ASN1_STRING_get0_data(name->d.dNSName));
        } else if (name->type == GEN_IPADD) {
            int length = ASN1_STRING_length(name->d.iPAddress);
            if (length == 4 || length == 16)
                inet_ntop(length == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(name->d.iPAddress), one, sizeof one);
        }
        if (!*one) continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? ", " : "", one);
        if (n < 0 || (size_t)n >= size - used) break;
        used += (size_t)n;
    }
    GENERAL_NAMES_free(names);
    if (!*out) snprintf(out, size, "no host name or address");
}

/* The "CN=..., O=..." of a name. */
static void subject_text(const X509_NAME *name, char *out, size_t size) {
    out[0] = '\0';
    BIO *memory = BIO_new(BIO_s_mem());
    if (memory && name && X509_NAME_print_ex(memory, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
        int n = BIO_read(memory, out, (int)size - 1);
        out[n > 0 ? n : 0] = '\0';
    }
    BIO_free(memory);
    if (!*out) snprintf(out, size, "(no name)");
}

kt_status kt_explain_verify_failure(kt_transport *t, const char *host) {
    long result = SSL_get_verify_result(t->ssl);
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(t->ssl);
    int count = chain ? sk_X509_num(chain) : 0;
    X509 *leaf = count > 0 ? sk_X509_value(chain, 0) : NULL, *top = count > 0 ? sk_X509_value(chain, count - 1) : NULL;
    char text[256], day[16];
    switch (result) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        subject_text(top ? X509_get_issuer_name(top) : NULL, text, sizeof text);
        return kt_fail(t, KT_TLS,
                       "unknown CA: the server's certificate was issued by \"%s\", which is not the CA in %s; "
                       "give this kiosk its county's ca.pem, or check that %s is your county's server",
                       text, t->ca_file, host);
    case X509_V_ERR_CERT_HAS_EXPIRED:
        day_text(leaf ? X509_get0_notAfter(leaf) : NULL, day, sizeof day);
        return kt_fail(t, KT_TLS,
                       "expired: the server's certificate (or its CA) expired (server certificate valid until %s); "
                       "the county operator must renew it (kioskctl tls renew), or this kiosk's clock is wrong",
                       day);
    case X509_V_ERR_CERT_NOT_YET_VALID:
        day_text(leaf ? X509_get0_notBefore(leaf) : NULL, day, sizeof day);
        return kt_fail(t, KT_TLS, "not yet valid: the server's certificate is valid from %s; check this kiosk's clock", day);
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        names_text(leaf, text, sizeof text);
        return kt_fail(t, KT_TLS,
                       "name mismatch: the server's certificate is for %s, not %s; connect with a name or address it "
                       "lists, or have the operator issue one for %s (kioskctl tls renew --host/--ip)",
                       text, host, host);
    default:
        return kt_fail(t, KT_TLS, "the server's certificate was not accepted: %s",
                       X509_verify_cert_error_string(result));
    }
}

kt_status kt_check_pin(kt_transport *t) {
    STACK_OF(X509) *chain = SSL_get0_verified_chain(t->ssl);
    X509 *last = NULL;
    for (int i = 0; chain && i < sk_X509_num(chain); i++) {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        last = sk_X509_value(chain, i);
        if (X509_digest(last, EVP_sha256(), digest, &length) == 1 && length == 32 && memcmp(digest, t->pin, 32) == 0)
            return KT_OK;
    }
    char root[256];
    subject_text(last ? X509_get_subject_name(last) : NULL, root, sizeof root);
    return kt_fail(t, KT_TLS,
                   "pin mismatch: the server's chain leads to \"%s\", not to the CA pinned by ca_fingerprint_sha256; "
                   "compare the pin with `kioskctl tls show ca.pem`",
                   root);
}
