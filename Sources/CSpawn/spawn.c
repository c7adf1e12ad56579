#define _GNU_SOURCE
#include "kiosk_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int route(posix_spawn_file_actions_t *actions, int fd, int target) {
    if (fd < 0) {
        return posix_spawn_file_actions_addopen(actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0);
    }
    return posix_spawn_file_actions_adddup2(actions, fd, target);
}

static int prepare(posix_spawn_file_actions_t *actions, posix_spawnattr_t *attributes,
                   int stdin_fd, int stdout_fd, int stderr_fd) {
    int result = route(actions, stdin_fd, 0);
    if (result == 0) result = route(actions, stdout_fd, 1);
    if (result == 0) result = route(actions, stderr_fd, 2);
    if (result == 0) result = posix_spawn_file_actions_addclosefrom_np(actions, 3);
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    if (result == 0) result = posix_spawnattr_setsigdefault(attributes, &all);
    if (result == 0) result = posix_spawnattr_setsigmask(attributes, &none);
    if (result == 0) result = posix_spawnattr_setflags(attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    return result;
}

int kiosk_spawn(const char *path, char *const argv[], char *const envp[],
                int stdin_fd, int stdout_fd, int stderr_fd, pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int result = posix_spawn_file_actions_init(&actions);
    if (result != 0) return result;
    result = posix_spawnattr_init(&attributes);
    if (result != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return result;
    }
    result = prepare(&actions, &attributes, stdin_fd, stdout_fd, stderr_fd);
    if (result == 0) result = posix_spawn(pid, path, &actions, &attributes, argv, envp ? envp : environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return result;
}

static void decode(int status, int *exited, int *code) {
    if (WIFEXITED(status)) {
        *exited = 1;
        *code = WEXITSTATUS(status);
    } else {
        *exited = 0;
        *code = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    }
}

int kiosk_wait(pid_t pid, int *exited, int *code) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return errno;
    }
    decode(status, exited, code);
    return 0;
}

int kiosk_try_wait(pid_t pid, int *ended, int *exited, int *code) {
    int status = 0;
    pid_t result;
    while ((result = waitpid(pid, &status, WNOHANG)) < 0) {
        if (errno != EINTR) return errno;
    }
    *ended = result == pid;
    if (*ended) decode(status, exited, code);
    return 0;
}
