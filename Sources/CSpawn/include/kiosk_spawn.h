#ifndef KIOSK_SPAWN_H
#define KIOSK_SPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv` (NULL-terminated) and `envp` (NULL-terminated; NULL means this
/// process's environment). The child's standard input, output and error are `stdin_fd`,
/// `stdout_fd` and `stderr_fd`, or /dev/null where one is -1; every other descriptor is closed
/// in the child, and its signal mask and dispositions are the defaults. Returns 0 and sets `pid`,
/// or an errno value.
///
/// Tests use this instead of Foundation's Process, whose run() on Linux (Swift 6.3.1) reads past
/// the end of a buffer while listing /proc/self/fd and now and then crashes the test process
/// (swiftlang/swift-corelibs-foundation pull request 5472).
int kiosk_spawn(const char *path, char *const argv[], char *const envp[],
                int stdin_fd, int stdout_fd, int stderr_fd, pid_t *pid);

/// Waits for `pid` (retrying after signals). Sets `exited` to 1 and `code` to the exit status when
/// it exited, or `exited` to 0 and `code` to the signal that ended it. Returns 0 or an errno value.
int kiosk_wait(pid_t pid, int *exited, int *code);

/// Like kiosk_wait, without blocking: returns 0 and sets `ended` to 0 when `pid` is still running,
/// or to 1 with `exited` and `code` set when it has ended (and is now reaped).
int kiosk_try_wait(pid_t pid, int *ended, int *exited, int *code);

#endif
