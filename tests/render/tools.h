/*
 * tools.h — what the render tests share: the font, and running the poppler
 * and qpdf tools on a PDF to see what a reader of the file sees.
 */
#ifndef KP_TESTS_RENDER_TOOLS_H
#define KP_TESTS_RENDER_TOOLS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"

/* Run a shell command and return its standard output (malloc'ed), or NULL
 * when it cannot run or exits with a failure. */
static inline char *run_output(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline char *run_output(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    kp_buf b;
    kp_buf_init(&b, 0);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        kp_buf_append(&b, chunk, n);
    int status = pclose(p);
    if (status != 0) {
        fprintf(stderr, "command failed (%d): %s\n", status, cmd);
        kp_buf_free(&b);
        return NULL;
    }
    return kp_buf_steal(&b);
}

/* How many times `needle` occurs in `hay`. */
static inline int count_of(const char *hay, const char *needle)
{
    int n = 0;
    size_t len = strlen(needle);
    for (const char *p = hay; p && (p = strstr(p, needle)); p += len)
        n++;
    return n;
}

/* `hay` without any whitespace (pdftotext breaks lines where the page does). */
static inline char *squeeze(const char *hay)
{
    char *out = malloc(strlen(hay) + 1), *o = out;
    for (const char *p = hay; *p; p++)
        if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\f' && *p != '\r')
            *o++ = *p;
    *o = 0;
    return out;
}

/* A fresh folder for the test's files. */
static inline const char *scratch_dir(const char *name)
{
    static char dir[512];
    const char *base = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/kaoping-%s-XXXXXX", base && *base ? base : "/tmp", name);
    return mkdtemp(dir);
}

#endif
