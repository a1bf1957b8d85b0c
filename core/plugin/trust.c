/*
 * trust.c — whether a plugin file may be loaded.
 *
 * A plugin runs as the user, so anyone who could write it, or swap it for
 * another, could run code as the user.  Checking a name and then loading the
 * name again leaves a gap: a link swapped in between makes the loader open
 * another file than the one checked.  So the file is opened once, its
 * descriptor is checked, and the loader is handed that descriptor
 * (/proc/self/fd/N) — what was checked is what is loaded.
 *
 * Checked before anything of the plugin runs:
 *   - the folders the path names, as given and where its links lead: none
 *     may be writable by every user (unless sticky, like /tmp: others may add
 *     files there but not rename ours), writable by a group other than its
 *     owner's, or belong to another user than the user or root;
 *   - the file itself, through its descriptor (opened with O_NOFOLLOW on the
 *     resolved path): a regular file, of the user or root, not writable by
 *     every user nor by a group other than its owner's, starting with the ELF
 *     magic.
 * A group is "its owner's" when it is the owner's own primary group (the user
 * private group most systems give every user; root's for root): no one else
 * is meant to be in it.
 */
#include "plugin/trust.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Someone other than the user and root could change it. */
static int foreign_owner(const struct stat *st)
{
    return st->st_uid != geteuid() && st->st_uid != 0;
}

/* Writable by a group that may hold other users. */
static int foreign_group_writable(const struct stat *st)
{
    gid_t owners = st->st_uid == 0 ? 0 : getegid();
    return (st->st_mode & S_IWGRP) && st->st_gid != owners;
}

/* Whether others could change `st`; `what` names it in the reason. */
static int check_writers(const struct stat *st, const char *what, int sticky_ok, char *why,
                         size_t n)
{
    if ((st->st_mode & S_IWOTH) && !(sticky_ok && (st->st_mode & S_ISVTX))) {
        snprintf(why, n, "%s is writable by every user; refusing to load it", what);
        return -1;
    }
    if (foreign_owner(st)) {
        snprintf(why, n, "%s belongs to another user (uid %u); refusing to load it", what,
                 (unsigned)st->st_uid);
        return -1;
    }
    if (foreign_group_writable(st)) {
        snprintf(why, n, "%s is writable by group %u, which is not its owner's; refusing to"
                 " load it", what, (unsigned)st->st_gid);
        return -1;
    }
    return 0;
}

/* Every folder from `dir` (absolute) up to /. */
static int check_folders(const char *dir, char *why, size_t n)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        snprintf(why, n, "its path is too long");
        return -1;
    }
    for (;;) {
        const char *d = *path ? path : "/";
        struct stat st;
        char what[PATH_MAX + 16];
        if (stat(d, &st) != 0) {
            snprintf(why, n, "cannot read its folder %s", d);
            return -1;
        }
        snprintf(what, sizeof what, "its folder %s", d);
        if (check_writers(&st, what, 1, why, n))
            return -1;
        char *slash = strrchr(path, '/');
        if (!*path || !slash)
            return 0;
        *slash = '\0';
    }
}

/* The folder of `path` as given, made absolute but not resolved. */
static int given_folder(const char *path, char *out, size_t n)
{
    char cwd[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (path[0] == '/')
        return snprintf(out, n, "%.*s", (int)(slash - path), path) >= (int)n ? -1 : 0;
    if (!getcwd(cwd, sizeof cwd))
        return -1;
    if (!slash)
        return snprintf(out, n, "%s", cwd) >= (int)n ? -1 : 0;
    return snprintf(out, n, "%s/%.*s", cwd, (int)(slash - path), path) >= (int)n ? -1 : 0;
}

static int check_file(int fd, char *why, size_t n)
{
    struct stat st;
    unsigned char magic[4];
    if (fstat(fd, &st) != 0) {
        snprintf(why, n, "cannot read it: %s", strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, n, "it is not a regular file");
        return -1;
    }
    if (check_writers(&st, "it", 0, why, n))
        return -1;
    if (pread(fd, magic, sizeof magic, 0) != (ssize_t)sizeof magic ||
        memcmp(magic, "\x7f" "ELF", 4) != 0) {
        snprintf(why, n, "it is not an ELF shared object");
        return -1;
    }
    return 0;
}

int kp_plugin_open_trusted(const char *path, int *fd, char *why, size_t n)
{
    char given[PATH_MAX], real[PATH_MAX];
    *fd = -1;
    if (given_folder(path, given, sizeof given)) {
        snprintf(why, n, "cannot find its folder");
        return -1;
    }
    if (check_folders(given, why, n))
        return -1;
    if (!realpath(path, real)) {
        snprintf(why, n, "cannot read it: %s", strerror(errno));
        return -1;
    }
    /* O_NOFOLLOW: the resolved path ends in the file itself; a link put
     * there since realpath() is refused, not followed.  O_NONBLOCK: a FIFO
     * must not hang the host before fstat() says it is no file. */
    int f = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (f < 0) {
        snprintf(why, n, "cannot open it: %s", strerror(errno));
        return -1;
    }
    *strrchr(real, '/') = '\0';
    if (check_file(f, why, n) || check_folders(real, why, n)) {
        close(f);
        return -1;
    }
    *fd = f;
    return 0;
}
