/*
 * test_util.c — the util room's promises: a buffer is always readable text
 * and keeps its first failure; the edit distance behind "did you mean"; the
 * whole-file reader and the atomic writer, on real files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "util/atomic_file.h"
#include "util/buf.h"
#include "util/outfile.h"
#include "util/readfile.h"
#include "util/suggest.h"

static void test_buf_never_null(void)
{
    kp_buf b;
    kp_buf_init(&b, 0);
    CHECK_STR_EQ(b.data, "");
    kp_buf_clear(&b);
    CHECK_STR_EQ(b.data, "");
    char *s = kp_buf_steal(&b);
    CHECK_STR_EQ(s, "");
    free(s);
    CHECK_STR_EQ(b.data, "");
    kp_buf_printf(&b, "%s-%d", "a", 1);
    CHECK_STR_EQ(b.data, "a-1");
    kp_buf_free(&b);
    CHECK_STR_EQ(b.data, "");
    CHECK_INT_EQ(b.len, 0);
}

static void test_buf_sticky(void)
{
    kp_buf b;
    kp_buf_init(&b, 8);
    CHECK_INT_EQ(kp_buf_puts(&b, "12345"), 0);
    CHECK(!kp_buf_failed(&b));
    /* Past the limit: refused, and everything after it too, even what fits. */
    CHECK_INT_EQ(kp_buf_puts(&b, "6789"), -1);
    CHECK_INT_EQ(kp_buf_putc(&b, 'x'), -1);
    CHECK_INT_EQ(kp_buf_printf(&b, "%d", 7), -1);
    CHECK(kp_buf_failed(&b));
    CHECK_STR_EQ(b.data, "12345");
    /* A cleared buffer is a new text. */
    kp_buf_clear(&b);
    CHECK(!kp_buf_failed(&b));
    CHECK_INT_EQ(kp_buf_puts(&b, "12345678"), 0);
    CHECK_STR_EQ(b.data, "12345678");
    kp_buf_free(&b);
}

static void test_edit_distance(void)
{
    CHECK_INT_EQ(kp_edit_distance("weight", "weight", KP_EDIT_EXACT), 0);
    CHECK_INT_EQ(kp_edit_distance("wieght", "weight", KP_EDIT_EXACT), 2);
    CHECK_INT_EQ(kp_edit_distance("lecture_coverag", "lecture_coverage", KP_EDIT_EXACT), 1);
    CHECK_INT_EQ(kp_edit_distance("", "abc", KP_EDIT_EXACT), 3);
    CHECK_INT_EQ(kp_edit_distance("Title", "title", KP_EDIT_EXACT), 1);
    CHECK_INT_EQ(kp_edit_distance("Title", "title", KP_EDIT_FOLD_ASCII), 0);
    CHECK_INT_EQ(kp_edit_distance("TITEL", "title", KP_EDIT_FOLD_ASCII), 2);
    char long_name[KP_EDIT_MAX + 2];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = 0;
    CHECK(kp_edit_distance(long_name, "a", KP_EDIT_EXACT) == KP_EDIT_FAR);
}

static void test_files(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/util_file.txt", dir);
    unlink(path);
    kp_err e;
    kp_buf b;
    kp_buf_init(&b, 0);
    CHECK_INT_EQ(kp_read_file(path, &b, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "util_file.txt");

    static const char text[] = "第一行\nsecond line\n";
    CHECK_INT_EQ(kp_write_file_atomic(path, text, sizeof text - 1, &e), 0);
    CHECK_INT_EQ(kp_read_file(path, &b, &e), 0);
    CHECK_STR_EQ(b.data, text);
    kp_buf_free(&b);

    /* A file larger than the buffer may hold is refused, not cut short. */
    kp_buf_init(&b, 4);
    CHECK_INT_EQ(kp_read_file(path, &b, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "too large");
    kp_buf_free(&b);

    /* The two-step form: the temporary file becomes the final one whole. */
    char tmp[4200];
    CHECK_INT_EQ(kp_atomic_temp_name(path, tmp, sizeof tmp, &e), 0);
    FILE *f = fopen(tmp, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs("replaced\n", f);
        fclose(f);
    }
    CHECK_INT_EQ(kp_atomic_commit(tmp, path, KP_OUT_REPLACE, &e), 0);
    struct stat st;
    CHECK(stat(tmp, &st) != 0);
    kp_buf_init(&b, 0);
    CHECK_INT_EQ(kp_read_file(path, &b, &e), 0);
    CHECK_STR_EQ(b.data, "replaced\n");
    kp_buf_free(&b);
    /* Committing a file that was never written leaves the old one alone. */
    CHECK_INT_EQ(kp_atomic_commit(tmp, path, KP_OUT_REPLACE, &e), -1);
    kp_buf_init(&b, 0);
    CHECK_INT_EQ(kp_read_file(path, &b, &e), 0);
    CHECK_STR_EQ(b.data, "replaced\n");
    kp_buf_free(&b);
    unlink(path);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_util SCRATCH_DIR\n");
        return 2;
    }
    test_buf_never_null();
    test_buf_sticky();
    test_edit_distance();
    test_files(argv[1]);
    return check_status();
}
