/*
 * report_tools.h — what the report tests share: running kaoping and the
 * poppler and qpdf tools as a user would, and reading what they wrote.
 */
#ifndef KP_TESTS_REPORT_TOOLS_H
#define KP_TESTS_REPORT_TOOLS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* The output (stdout and stderr together) of the last run(). */
static char run_out[1 << 20];

/* Run a shell command; returns its exit status (-1 when it could not run or
 * was killed), with everything it printed in run_out. */
static inline int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int run(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cmd, sizeof cmd - 8, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof cmd - 8)
        return -1;
    strcat(cmd, " 2>&1");
    run_out[0] = '\0';
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t len = fread(run_out, 1, sizeof run_out - 1, p);
    run_out[len] = '\0';
    char rest[4096];
    while (fread(rest, 1, sizeof rest, p) > 0)
        ; /* past the buffer: drain so the command can finish */
    int status = pclose(p);
    /* In a sanitizer build, what the sanitizers find fails the test even
     * when the command was meant to fail. */
    if (strstr(run_out, "Sanitizer") || strstr(run_out, "runtime error:")) {
        check_count++;
        check_failures++;
        fprintf(stderr, "sanitizer report from: %s\n%s\n", cmd, run_out);
    }
    if (status < 0 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/* The whole file at `path` (malloc'ed, NUL-terminated), or NULL. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *b = malloc(cap);
    while (b && (got = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 < cap)
            continue;
        char *g = realloc(b, cap *= 2);
        if (!g)
            free(b);
        b = g;
    }
    fclose(f);
    if (!b)
        return NULL;
    b[n] = '\0';
    if (len)
        *len = n;
    return b;
}

static inline int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* How many entries a folder holds (".", ".." not counted); -1 if unreadable. */
static inline int count_entries(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    if (run("%s", cmd) != 0)
        return -1;
    return atoi(run_out);
}

/* `text` without whitespace: pdftotext breaks lines where the page does. */
static inline char *squeeze(const char *text)
{
    char *out = malloc(strlen(text) + 1), *o = out;
    if (!out)
        return NULL;
    for (const char *p = text; *p; p++)
        if (!strchr(" \t\r\n\f", *p))
            *o++ = *p;
    *o = '\0';
    return out;
}

/* The text of a PDF as pdftotext reads it, squeezed; NULL on failure. */
static inline char *pdf_text(const char *pdf)
{
    if (run("pdftotext -layout -enc UTF-8 '%s' -", pdf) != 0) {
        fprintf(stderr, "pdftotext failed on %s:\n%s\n", pdf, run_out);
        return NULL;
    }
    return squeeze(run_out);
}

/* Check that `text` holds every string of `want` (NULL-terminated), in that
 * order; reports the first one missing or out of order. */
#define CHECK_IN_ORDER(text, ...) check_in_order(__FILE__, __LINE__, text, \
                                                 (const char *[]){__VA_ARGS__, NULL})
static inline void check_in_order(const char *file, int line, const char *text, const char **want)
{
    check_count++;
    const char *at = text ? text : "";
    for (size_t i = 0; want[i]; i++) {
        const char *hit = strstr(at, want[i]);
        if (!hit) {
            check_failures++;
            fprintf(stderr, "%s:%d: \"%s\" is %s\n", file, line, want[i],
                    text && strstr(text, want[i]) ? "out of order" : "missing");
            return;
        }
        at = hit + strlen(want[i]);
    }
}

/* Whether two files hold the same bytes. */
static inline int same_bytes(const char *a, const char *b)
{
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

/* A fresh folder for the test's files. */
static inline const char *scratch(const char *name)
{
    static char dir[600];
    const char *base = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/kaoping-%s-XXXXXX", base && *base ? base : "/tmp", name);
    return mkdtemp(dir);
}

#endif
