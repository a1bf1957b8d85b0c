/*
 * fuzz_csv.c — libFuzzer target for the CSV reader (core/csv).
 *
 * Besides not crashing, the reader must keep its promises on any input:
 * every field it hands on is well-formed UTF-8 without a NUL, within the
 * limits, and every error message starts with the file's name.  It must
 * also not depend on how the file happens to be cut into reads, so each
 * input is parsed twice — once in the chunk size the first byte picks
 * (down to one byte at a time), once in the default chunk — and the two
 * readings must agree record for record, line for line, error for error.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "csv/csv.h"
#include "csv/encoding.h"
#include "util/buf.h"

#define NAME "fuzz.csv"

static __attribute__((noreturn)) void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_csv: %s\n%s\n", what, detail ? detail : "");
    abort();
}

/* Read everything into `out` as text that two readings can be compared by. */
static void read_all(const uint8_t *data, size_t size, const kp_csv_limits *lim, kp_buf *out)
{
    kp_csv *c;
    kp_err e;
    if (kp_csv_open_memory(&c, NAME, data, size, &e) < 0)
        die("cannot open memory", e.msg);
    if (kp_csv_set_limits(c, lim, &e) < 0)
        die("limits refused", e.msg);
    int r;
    while ((r = kp_csv_next(c, &e)) == 1) {
        size_t n = kp_csv_nfields(c);
        if (n == 0 || n > lim->max_fields)
            die("record with a field count outside the limits", NULL);
        kp_buf_printf(out, "@%ld:%zu", kp_csv_line(c), n);
        for (size_t i = 0; i < n; i++) {
            size_t len;
            const char *f = kp_csv_field(c, i, &len);
            if (!f || strlen(f) != len)
                die("field with a NUL or a wrong length", f);
            if (len > lim->max_field_bytes)
                die("field longer than the limit", f);
            kp_utf8_stop stop;
            if (kp_utf8_prefix((const unsigned char *)f, len, len, &stop) != len ||
                stop != KP_UTF8_OK)
                die("field that is not UTF-8", f);
            kp_buf_printf(out, "|%zu:", len);
            kp_buf_append(out, f, len);
        }
        if (kp_csv_field(c, n, NULL) != NULL)
            die("field past the end of the record", NULL);
    }
    if (r < 0) {
        if (strncmp(e.msg, NAME ":", strlen(NAME ":")) != 0)
            die("error message without the file name", e.msg);
        kp_buf_printf(out, "!%s", e.msg);
        if (kp_csv_next(c, &e) != -1)
            die("the reader went on after an error", NULL);
    } else {
        kp_buf_printf(out, "$%s", kp_csv_encoding(c));
    }
    kp_csv_close(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t chunks[8] = {1, 2, 3, 5, 16, 100, 4096, 0};
    if (size == 0)
        return 0;
    uint8_t opts = data[0];
    data++, size--;

    kp_csv_limits lim;
    kp_csv_default_limits(&lim);
    lim.chunk_bytes = 0;
    if (opts & 0x08)
        lim.max_field_bytes = 1 + (opts >> 4) * 4; /* small limits reach their messages */
    if (opts & 0x80)
        lim.max_fields = 1 + ((opts >> 4) & 7);

    kp_csv_limits cut = lim;
    cut.chunk_bytes = chunks[opts & 7];

    kp_buf a, b;
    kp_buf_init(&a, 0);
    kp_buf_init(&b, 0);
    read_all(data, size, &cut, &a);
    read_all(data, size, &lim, &b);
    if (kp_buf_failed(&a) || kp_buf_failed(&b))
        die("out of memory in the fuzz target", NULL);
    if (a.len != b.len || memcmp(a.data, b.data, a.len)) {
        fprintf(stderr, "chunk %zu:\n%s\n\ndefault chunk:\n%s\n", cut.chunk_bytes, a.data, b.data);
        die("the reading depends on the chunk size", NULL);
    }
    kp_buf_free(&a);
    kp_buf_free(&b);
    return 0;
}
