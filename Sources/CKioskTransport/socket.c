/* TCP: resolving, connecting before a deadline, and the loopback rule for plaintext. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104: addresses that never leave this machine. */
static int is_loopback(const struct sockaddr *address) {
    if (address->sa_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)address;
        return (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
    }
    if (address->sa_family == AF_INET6) {
        const struct in6_addr *v6 = &((const struct sockaddr_in6 *)address)->sin6_addr;
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (IN6_IS_ADDR_LOOPBACK(v6)) return 1;
        return memcmp(v6->s6_addr, mapped, sizeof mapped) == 0 && v6->s6_addr[12] == 127;
    }
    return 0;
}

/* Connects one address before the deadline; 0 or an errno value. */
static int connect_one(const struct addrinfo *a, int64_t deadline_ms, int *out) {
    int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) return errno;
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int err = 0;
    if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
        err = errno;
        if (err == EINPROGRESS) {
            int ready = kt_wait(fd, POLLOUT, deadline_ms);
            socklen_t len = sizeof err;
            if (ready <= 0) err = ready == 0 ? ETIMEDOUT : errno;
            else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
        }
    }
    if (err != 0) {
        close(fd);
        return err;
    }
    *out = fd;
    return 0;
}

kt_status kt_open_socket(kt_transport *t, const char *host, uint16_t port, int64_t deadline_ms) {
    char service[8];
    snprintf(service, sizeof service, "%u", (unsigned)port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *list = NULL;
    int gai = getaddrinfo(host, service, &hints, &list);
    if (gai != 0) return kt_fail(t, KT_CONNECT, "cannot resolve %s: %s", host, gai_strerror(gai));
    kt_status rc = kt_fail(t, KT_CONNECT, "no address for %s", host);
    for (struct addrinfo *a = list; a; a = a->ai_next) {
        if (!t->ctx && !t->insecure_plaintext && !is_loopback(a->ai_addr)) {
            rc = kt_fail(t, KT_TLS,
                         "refusing to send the kiosk's credential in plaintext to %s, which is not a loopback address: "
                         "set ca_file to the county CA's certificate (ca.pem from `kioskctl tls init`)",
                         host);
            continue;
        }
        int err = connect_one(a, deadline_ms, &t->fd);
        if (err == 0) {
            rc = KT_OK;
            break;
        }
        rc = kt_fail(t, err == ETIMEDOUT ? KT_TIMEOUT : KT_CONNECT, "cannot connect to %s:%u: %s", host, (unsigned)port,
                     strerror(err));
    }
    freeaddrinfo(list);
    return rc;
}
