/*
 * csv_bench.c — how fast the CSV reader goes on a large health_lectures file.
 *
 * Generates `unit,date,title,participants` rows with Chinese titles (some
 * quoted, with commas, doubled quotes or line breaks, as Excel writes them),
 * saves the file as UTF-8 and as GB18030 in the temporary directory, and
 * reads each back through kp_csv_open_file(), touching every field.  Prints
 * MB/s and records/s, the best of a few runs.
 *
 * Usage: csv_bench [rows]      (default 1000000)
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv/csv.h"
#include "util/buf.h"

#define RUNS 3

static const char *const titles[] = {
    "家庭健康知识大讲堂：科学育儿",
    "\"\"优生优育\"\"进社区",
    "世界人口日宣传,暨青春健康讲座",
    "婚育新风进万家",
    "老年人健康生活方式讲座",
    "青春健康沟通之道家庭培训",
    "暖心家园\r\n心理健康辅导",
    "合理膳食与慢性病预防",
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int generate(kp_buf *b, long rows)
{
    if (kp_buf_puts(b, "unit,date,title,participants\r\n") < 0)
        return -1;
    for (long i = 0; i < rows; i++) {
        const char *t = titles[i % 8];
        int quoted = strpbrk(t, ",\"\r") != NULL;
        int r = i % 2 ? kp_buf_printf(b, "33%02ld%03ld,2023-%02ld-%02ld,", i % 13, i % 997, i % 12 + 1, i % 28 + 1)
                      : kp_buf_printf(b, "33%02ld%03ld,2023年%ld月%ld日,", i % 13, i % 997, i % 12 + 1, i % 28 + 1);
        if (r < 0 || kp_buf_printf(b, quoted ? "\"%s\",%ld\r\n" : "%s,%ld\r\n", t, 20 + i % 300) < 0)
            return -1;
    }
    return 0;
}

static char *to_gb18030(const char *utf8, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16;
    char *out = malloc(cap), *ip = (char *)utf8, *op = out;
    size_t il = len, ol = cap;
    if (!out || iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
        free(out);
        out = NULL;
    } else {
        *out_len = cap - ol;
    }
    iconv_close(cd);
    return out;
}

static int save(const char *data, size_t len, char *path)
{
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        return -1;
    }
    int ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* Read the whole file once; returns seconds, or a negative number on error. */
static double read_once(const char *path, long *records, size_t *bytes, char *encoding)
{
    kp_err e;
    kp_csv *c;
    if (kp_csv_open_file(&c, path, &e) < 0) {
        fprintf(stderr, "csv_bench: %s\n", e.msg);
        return -1;
    }
    double t0 = now();
    long n = 0;
    size_t total = 0;
    int r;
    while ((r = kp_csv_next(c, &e)) == 1) {
        for (size_t i = 0; i < kp_csv_nfields(c); i++) {
            size_t len;
            kp_csv_field(c, i, &len);
            total += len;
        }
        n++;
    }
    double t = now() - t0;
    snprintf(encoding, 32, "%s", kp_csv_encoding(c));
    kp_csv_close(c);
    if (r < 0) {
        fprintf(stderr, "csv_bench: %s\n", e.msg);
        return -1;
    }
    *records = n;
    *bytes = total;
    return t;
}

static int bench(const char *label, const char *data, size_t len)
{
    char path[] = "/tmp/kp_csv_bench_XXXXXX";
    if (save(data, len, path) < 0) {
        perror("csv_bench: cannot write the test file");
        return -1;
    }
    double best = -1;
    long records = 0;
    size_t field_bytes = 0;
    char encoding[32] = "";
    for (int run = 0; run < RUNS; run++) {
        double t = read_once(path, &records, &field_bytes, encoding);
        if (t < 0) {
            unlink(path);
            return -1;
        }
        if (best < 0 || t < best)
            best = t;
    }
    unlink(path);
    printf("%-8s %-15s %7.1f MB  %8ld records  %6.3f s  %7.1f MB/s  %6.2f M records/s\n", label, encoding,
           (double)len / 1e6, records, best, (double)len / 1e6 / best, (double)records / 1e6 / best);
    return 0;
}

int main(int argc, char **argv)
{
    long rows = argc > 1 ? atol(argv[1]) : 1000000;
    if (rows <= 0) {
        fprintf(stderr, "usage: csv_bench [rows]\n");
        return 2;
    }
    kp_buf utf8;
    kp_buf_init(&utf8, 0);
    if (generate(&utf8, rows) < 0) {
        fprintf(stderr, "csv_bench: out of memory\n");
        return 1;
    }
    size_t gb_len = 0;
    char *gb = to_gb18030(utf8.data, utf8.len, &gb_len);
    if (!gb) {
        fprintf(stderr, "csv_bench: cannot convert to GB18030\n");
        kp_buf_free(&utf8);
        return 1;
    }
    int status = 0;
    if (bench("UTF-8", utf8.data, utf8.len) < 0 || bench("GB18030", gb, gb_len) < 0)
        status = 1;
    free(gb);
    kp_buf_free(&utf8);
    return status;
}
