/* atomic_file.c — temporary file, fsync, rename (see atomic_file.h). */
#include "util/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/outfile.h"

int kp_write_file(const char *path, const void *data, size_t len, unsigned flags, kp_err *e)
{
    static unsigned counter;
    size_t plen = strlen(path);
    if (plen == 0)
        return kp_fail(e, "no file name to write to");
    /* Refused before the work of writing, and again at the rename. */
    if (kp_out_check(path, flags, e))
        return -1;
    char *tmp = malloc(plen + 48);
    if (!tmp)
        return kp_fail(e, "%s: out of memory", path);
    /* open(O_EXCL) rather than mkstemp: the file gets the usual permissions
     * (0666 less the umask), not mkstemp's 0600. */
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        snprintf(tmp, plen + 48, "%s.tmp-%ld-%u", path, (long)getpid(),
                 __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED));
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
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
            if (n == 0)
                errno = ENOSPC;
            kp_out_fail_errno(e, path, "write");
            goto fail;
        }
        p += n;
        left -= (size_t)n;
    }
    if (close(fd) < 0) {
        fd = -1;
        kp_out_fail_errno(e, path, "write");
        goto fail;
    }
    int rc = kp_out_commit(tmp, path, flags, e);
    free(tmp);
    return rc;
fail:
    close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
}

int kp_write_file_atomic(const char *path, const void *data, size_t len, kp_err *e)
{
    return kp_write_file(path, data, len, KP_OUT_REPLACE, e);
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

int kp_atomic_commit(const char *tmp, const char *path, unsigned flags, kp_err *e)
{
    return kp_out_commit(tmp, path, flags, e);
}
