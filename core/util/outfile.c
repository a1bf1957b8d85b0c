/* outfile.c — safe output names, folders and atomic replacement (see outfile.h). */
#include "util/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/safetext.h"

/* Length of the UTF-8 character at `p` that a file name may hold, or 0:
 * invalid UTF-8, C0/C1 controls and the characters other systems forbid are
 * refused, so that a name shows the same in every file manager and shell. */
static size_t name_char(const unsigned char *p)
{
    if (*p < 0x80)
        return *p >= 0x20 && *p != 0x7f && !strchr("/\\:*?\"<>|", *p) ? 1 : 0;
    unsigned cp;
    size_t len = kp_utf8_decode(p, &cp);
    if (!len)
        return 0;
    if (cp <= 0x9F || cp == 0xFEFF || (cp >= 0x2028 && cp <= 0x202E))
        return 0; /* C1 controls, the invisible BOM, line separators, bidi overrides */
    return len;
}

int kp_out_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > KP_OUT_NAME_MAX || name[0] == '.' || name[0] == '-')
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p;) {
        size_t len = name_char(p);
        if (!len)
            return 0;
        p += len;
    }
    return 1;
}

void kp_out_name_append(char *out, size_t size, const char *in, size_t max)
{
    size_t o = strlen(out), start = o;
    for (const unsigned char *p = (const unsigned char *)in; *p;) {
        size_t len = name_char(p);
        const unsigned char *src = len ? p : (const unsigned char *)"_";
        size_t put = len ? len : 1;
        if (o + put >= size || o - start + put > max)
            break;
        memcpy(out + o, src, put);
        o += put;
        p += len ? len : 1;
    }
    out[o] = '\0';
}

int kp_out_dir(const char *dir, kp_err *e)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return kp_fail(e, "%s: the folder name is too long", dir);
    /* Parents first, as `mkdir -p` does: the user named the folder. */
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return kp_fail_errno(e, "%s: cannot create the output folder", path);
        *p = '/';
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return kp_fail_errno(e, "%s: cannot create the output folder", dir);
    struct stat st;
    if (stat(dir, &st) != 0)
        return kp_fail_errno(e, "%s: cannot use the output folder", dir);
    if (!S_ISDIR(st.st_mode))
        return kp_fail(e, "%s: the output must be a folder, and this is not one", dir);
    return 0;
}

int kp_out_check(const char *path, unsigned flags, kp_err *e)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno == ENOENT)
            return 0;
        return kp_fail_errno(e, "%s", path);
    }
    if (S_ISDIR(st.st_mode))
        return kp_fail(e, "%s: is a folder, not a file kaoping can write", path);
    if (!S_ISREG(st.st_mode))
        return kp_fail(e, "%s: is not a regular file (a device, FIFO, socket or link); "
                          "kaoping never replaces one", path);
    if (!(flags & KP_OUT_REPLACE))
        return kp_fail(e, "%s: the file exists and kaoping did not write it in this run; "
                          "--overwrite replaces it", path);
    return 0;
}

int kp_out_fail_errno(kp_err *e, const char *path, const char *doing)
{
    if (errno == ENOSPC || errno == EDQUOT || errno == EFBIG)
        return kp_fail(e, "%s: cannot %s: disk full (磁盘已满)%s", path, doing,
                       errno == EFBIG ? ", or the file is larger than allowed" : "");
    return kp_fail_errno(e, "%s: cannot %s", path, doing);
}

int kp_out_commit(const char *tmp, const char *path, unsigned flags, kp_err *e)
{
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        kp_out_fail_errno(e, path, "flush to disk");
        goto fail;
    }
    close(fd);
    fd = -1;
    if (kp_out_check(path, flags, e))
        goto fail;
    /* Without KP_OUT_REPLACE the move itself refuses an existing name, so a
     * file that appeared since the check is not lost either. */
    int rc = flags & KP_OUT_REPLACE ? rename(tmp, path)
                                    : renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);
    if (rc != 0 && errno == EEXIST) {
        kp_out_check(path, flags, e);
        goto fail;
    }
    if (rc != 0) {
        kp_fail_errno(e, "%s: cannot replace the file", path);
        goto fail;
    }
    return 0;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    return -1;
}
