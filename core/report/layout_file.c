/*
 * layout_file.c — see layout_file.h.
 *
 * The name is walked one folder at a time with openat and O_NOFOLLOW, so a
 * symbolic link anywhere on the way is refused rather than followed out of
 * the layout's folder, and the file itself is opened with O_NONBLOCK, so a
 * FIFO answers at once instead of waiting for a writer forever.
 */
#include "report/layout_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_NAME 200

static int bad_name(const char *name)
{
    if (!*name || name[0] == '/' || strlen(name) > MAX_NAME)
        return 1;
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return 1;
        p += n;
        if (*p == '/')
            p++;
    }
    return 0;
}

/* Open each folder of `name` below `dirfd` in turn; returns the folder that
 * holds the last part (which is left in *last), or -1. */
static int walk(int dirfd, const char *name, const char **last)
{
    int fd = dup(dirfd);
    const char *p = name;
    const char *slash;
    while (fd >= 0 && (slash = strchr(p, '/'))) {
        char part[MAX_NAME + 1];
        snprintf(part, sizeof part, "%.*s", (int)(slash - p), p);
        int next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        close(fd);
        fd = next;
        p = slash + 1;
    }
    *last = p;
    return fd;
}

static int check_open(const char *dir, const char *name, size_t max_bytes, kp_err *e)
{
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0)
        return kp_fail_errno(e, "%s", dir);
    const char *last;
    int parent = walk(dirfd, name, &last);
    close(dirfd);
    if (parent < 0)
        return kp_fail(e, "%s: a folder on the way is missing or a symbolic link (%s)", name,
                       strerror(errno));
    int fd = openat(parent, last, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
    int err = errno;
    close(parent);
    if (fd < 0)
        return kp_fail(e, "%s: %s", name,
                       err == ELOOP ? "a symbolic link; give the file itself" : strerror(err));
    struct stat st;
    int rc = fstat(fd, &st);
    close(fd);
    if (rc < 0)
        return kp_fail_errno(e, "%s", name);
    if (!S_ISREG(st.st_mode))
        return kp_fail(e, "%s is not a regular file", name);
    if ((unsigned long long)st.st_size > max_bytes)
        return kp_fail(e, "%s is %lld bytes, more than the %zu MiB an image may have", name,
                       (long long)st.st_size, max_bytes >> 20);
    return 0;
}

int kp_layout_file_check(const char *dir, const char *name, size_t max_bytes, char *out,
                         size_t size, kp_err *e)
{
    if (bad_name(name))
        return kp_fail(e, "give the name of a file in the layout's folder (no \"..\", no "
                          "absolute path), not \"%.100s\"", name);
    if (check_open(dir, name, max_bytes, e))
        return -1;
    if ((size_t)snprintf(out, size, "%s/%s", dir, name) >= size)
        return kp_fail(e, "%s/%s: path too long", dir, name);
    return 0;
}
