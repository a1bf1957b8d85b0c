/*
 * test_outfile.c — the rules for output names and files (util/outfile.h) and
 * the repair of stored text for spreadsheets and terminals (util/safetext.h),
 * at their edges: a name one byte too long, a cell one character too long,
 * a surrogate pair at the limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "util/outfile.h"
#include "util/safetext.h"

/* UTF-16 code units of UTF-8 text, as Excel counts a cell. */
static size_t units(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80 ? (*p >= 0xF0 ? 2 : 1) : 0;
    return n;
}

static char *repeat(const char *s, size_t times)
{
    size_t len = strlen(s);
    char *out = malloc(len * times + 1);
    for (size_t i = 0; out && i < times; i++)
        memcpy(out + i * len, s, len);
    if (out)
        out[len * times] = '\0';
    return out;
}

static void names(void)
{
    CHECK(kp_out_name_ok("county-420101000000-江北区.pdf"));
    const char *bad[] = {"", "../x.pdf", "a/b.pdf", "a\\b.pdf", ".hidden.pdf", "-rf.pdf",
                         "a\033[2J.pdf", "a\nb.pdf", "\xff.pdf", "a\xef\xbb\xbf.pdf",
                         "a\xe2\x80\xae" "fdp.exe", "a\xc2\x85.pdf"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(!kp_out_name_ok(bad[i]));
    char *n = repeat("a", KP_OUT_NAME_MAX);
    CHECK(kp_out_name_ok(n));
    char *m = repeat("a", KP_OUT_NAME_MAX + 1);
    CHECK(!kp_out_name_ok(m));
    free(n);
    free(m);

    char buf[64] = "x-";
    kp_out_name_append(buf, sizeof buf, "东湖区/高新区\033", 100);
    CHECK_STR_EQ(buf, "x-东湖区_高新区_");
    CHECK(kp_out_name_ok(buf));
    strcpy(buf, "");
    kp_out_name_append(buf, sizeof buf, "很很很很很", 10); /* 3 bytes each: cut at 9 */
    CHECK_STR_EQ(buf, "很很很");
}

static void cells(void)
{
    kp_buf b;
    kp_buf_init(&b, 0);
    char *exact = repeat("说", KP_XLSX_CELL_MAX);
    CHECK_INT_EQ(kp_safetext_append(&b, exact, KP_XLSX_CELL_MAX, 0), 0);
    CHECK_STR_EQ(b.data, exact); /* fits: untouched */
    kp_buf_clear(&b);
    char *over = repeat("说", KP_XLSX_CELL_MAX + 1);
    CHECK_INT_EQ(kp_safetext_append(&b, over, KP_XLSX_CELL_MAX, 0), 0);
    CHECK_INT_EQ(units(b.data), KP_XLSX_CELL_MAX);
    CHECK(b.len >= 3 && !strcmp(b.data + b.len - 3, "…"));
    kp_buf_clear(&b);
    /* An emoji is two units: it never straddles the limit. */
    CHECK_INT_EQ(kp_safetext_append(&b, "ab\xf0\x9f\x98\x80" "cd", 4, 0), 0);
    CHECK_STR_EQ(b.data, "ab…");
    kp_buf_clear(&b);
    CHECK_INT_EQ(kp_safetext_append(&b, "a\xffz\x01", 0, 0), 0);
    CHECK_STR_EQ(b.data, "a\xef\xbf\xbdz\xef\xbf\xbd");
    kp_buf_clear(&b);
    CHECK_INT_EQ(kp_safetext_append(&b, "red\033[31m\tok\n\xef\xbb\xbf", 0, KP_TEXT_ESCAPES), 0);
    CHECK_STR_EQ(b.data, "red\\x1b[31m\tok\n\\uFEFF");
    free(exact);
    free(over);
    kp_buf_free(&b);
}

static void files(const char *scratch)
{
    char dir[1024], path[1100], fifo[1100];
    snprintf(dir, sizeof dir, "%s/outfile/a/b", scratch);
    kp_err e;
    CHECK_INT_EQ(kp_out_dir(dir, &e), 0); /* parents made too */
    snprintf(path, sizeof path, "%s/x.pdf", dir);
    unlink(path);
    CHECK_INT_EQ(kp_out_check(path, 0, &e), 0);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f)
        fclose(f);
    CHECK_INT_EQ(kp_out_check(path, 0, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "--overwrite");
    CHECK_INT_EQ(kp_out_check(path, KP_OUT_REPLACE, &e), 0);
    CHECK_INT_EQ(kp_out_dir(path, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "must be a folder");
    snprintf(fifo, sizeof fifo, "%s/f.pdf", dir);
    unlink(fifo);
    CHECK_INT_EQ(mkfifo(fifo, 0600), 0);
    CHECK_INT_EQ(kp_out_check(fifo, KP_OUT_REPLACE, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "not a regular file");
    CHECK_INT_EQ(kp_out_check("/dev/null", KP_OUT_REPLACE, &e), -1);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_outfile SCRATCH\n");
        return 2;
    }
    names();
    cells();
    files(argv[1]);
    return check_status();
}
