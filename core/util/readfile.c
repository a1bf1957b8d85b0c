/* readfile.c — a whole file into a kp_buf (see readfile.h). */
#include "util/readfile.h"

#include <stdio.h>

int kp_read_file(const char *path, kp_buf *out, kp_err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return kp_fail_errno(e, "%s", path);
    char chunk[65536];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (kp_buf_append(out, chunk, n) < 0)
            rc = kp_fail(e, "%s: file too large", path);
    if (rc == 0 && ferror(f))
        rc = kp_fail(e, "%s: read error", path);
    fclose(f);
    return rc;
}
