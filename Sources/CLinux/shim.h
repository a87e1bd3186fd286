#ifndef MARKETPLACE_CLINUX_SHIM_H
#define MARKETPLACE_CLINUX_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>

static inline int clinux_errno(void) { return errno; }

/* accept4 is declared by glibc only under _GNU_SOURCE; it saves two fcntl calls per accepted connection. */
extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);
#endif
