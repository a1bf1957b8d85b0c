/* atomic_file.c — temporary file, fsync, rename (see atomic_file.h). */
#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int kp_write_file_atomic(const char *path, const void *data, size_t len, kp_err *e)
{
    static unsigned counter;
    size_t plen = strlen(path);
    if (plen == 0)
        return kp_fail(e, "no file name to write to");
    char *tmp = malloc(plen + 48);
    if (!tmp)
        return kp_fail(e, "%s: out of memory", path);
    /* open(O_EXCL) rather than mkstemp: the file gets the usual permissions
     * (0666 less the umask), not mkstemp's 0600. */
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        snprintf(tmp, plen + 48, "%s.tmp-%ld-%u", path, (long)getpid(),
                 __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED));
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        kp_fail_errno(e, "%s: cannot create a file in its folder", path);
        free(tmp);
        return -1;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            kp_fail_errno(e, "%s: cannot write", path);
            goto fail;
        }
        p += n;
        left -= (size_t)n;
    }
    if (fsync(fd) < 0) {
        kp_fail_errno(e, "%s: cannot flush to disk", path);
        goto fail;
    }
    if (close(fd) < 0) {
        fd = -1;
        kp_fail_errno(e, "%s: cannot write", path);
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        kp_fail_errno(e, "%s: cannot replace the file", path);
        goto fail;
    }
    free(tmp);
    return 0;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
}

int kp_atomic_temp_name(const char *path, char *tmp, size_t size, kp_err *e)
{
    static unsigned counter;
    int n = snprintf(tmp, size, "%s.tmp-%ld-%u", path, (long)getpid(),
                     __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED));
    if (n < 0 || (size_t)n >= size)
        return kp_fail(e, "%s: the file name is too long", path);
    return 0;
}

int kp_atomic_commit(const char *tmp, const char *path, kp_err *e)
{
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        kp_fail_errno(e, "%s: cannot reopen the file just written", path);
        goto fail;
    }
    int rc = fsync(fd);
    close(fd);
    if (rc < 0) {
        kp_fail_errno(e, "%s: cannot flush to disk", path);
        goto fail;
    }
    if (rename(tmp, path) < 0) {
        kp_fail_errno(e, "%s: cannot replace the file", path);
        goto fail;
    }
    return 0;
fail:
    unlink(tmp);
    return -1;
}
