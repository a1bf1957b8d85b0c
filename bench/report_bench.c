/*
 * report_bench.c — time, memory and size of the reports a layout renders
 * from a stored run, as `kaoping report` renders them.
 *
 * First every subject's report is rendered RUNS times in this process, and
 * the time per report is split where it goes: the layout script (Lua and its
 * queries), laying out lines and pages, finding the characters, subsetting
 * the font, making the PDF (pages, charts, compression) and writing the file
 * (a temporary file, fsync, rename).  Then the whole set is rendered as
 * `report --all` does, with 1 and with JOBS worker processes, for the wall
 * time and the peak memory of a worker.
 *
 * usage: report_bench DB LAYOUT [RUNS [JOBS [OUTDIR]]]
 *   e.g. kaoping demo d --counties 100 && kaoping assess --rules
 *        scripts/rules/2023.lua --year 2023 --db d/kaoping.db &&
 *        build/bench/report_bench d/kaoping.db reports/county.lua 3 2
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report/batch.h"
#include "report/report.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static long max_rss_kib(int who)
{
    struct rusage ru;
    return getrusage(who, &ru) == 0 ? ru.ru_maxrss : -1;
}

/* Render the whole set with `jobs` workers; the wall time in ms, or -1. */
static double batch(const kp_report_config *cfg, const kp_report_subject *s, size_t n,
                    const char *dir, int jobs)
{
    kp_err e;
    double t0 = now_ms();
    long failed = kp_report_batch(cfg, s, n, dir, jobs, 0, NULL, &e);
    double t = now_ms() - t0;
    if (failed != 0) {
        fprintf(stderr, "report_bench: %ld reports failed%s%s\n", failed, failed < 0 ? ": " : "",
                failed < 0 ? e.msg : "");
        return -1;
    }
    return t;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 6) {
        fprintf(stderr, "usage: report_bench DB LAYOUT [RUNS [JOBS [OUTDIR]]]\n");
        return 2;
    }
    int runs = argc > 3 ? atoi(argv[3]) : 3, jobs = argc > 4 ? atoi(argv[4]) : 2;
    char tmp[] = "/tmp/kaoping-report-bench-XXXXXX";
    const char *dir = argc > 5 ? argv[5] : mkdtemp(tmp);
    if (runs < 1 || jobs < 1 || !dir) {
        fprintf(stderr, "report_bench: RUNS and JOBS are at least 1; OUTDIR must exist\n");
        return 2;
    }
    kp_report_stats st;
    kp_report_config cfg = {.db_path = argv[1], .layout_path = argv[2], .stats = &st};
    kp_report *r;
    kp_report_subject *subjects;
    size_t n;
    kp_err e;
    double t0 = now_ms();
    if (kp_report_open(&r, &cfg, &e) || kp_report_subjects(r, &subjects, &n, &e)) {
        fprintf(stderr, "report_bench: %s\n", e.msg);
        return 1;
    }
    double open_ms = now_ms() - t0;

    size_t total = (size_t)runs * n;
    double *per = calloc(total ? total : 1, sizeof *per);
    kp_report_stats sum = {0};
    size_t max_bytes = 0, pages = 0, k = 0;
    for (int run = 0; run < runs; run++) {
        for (size_t i = 0; i < n; i++) {
            char path[4200];
            snprintf(path, sizeof path, "%s/%s", dir, subjects[i].file);
            double t = now_ms();
            if (kp_report_render(r, i, path, 0, &e)) {
                fprintf(stderr, "report_bench: %s\n", e.msg);
                return 1;
            }
            per[k++] = now_ms() - t;
            sum.script_ms += st.script_ms;
            sum.layout_ms += st.layout_ms;
            sum.collect_ms += st.collect_ms;
            sum.subset_ms += st.subset_ms;
            sum.pdf_ms += st.pdf_ms;
            sum.file_ms += st.file_ms;
            sum.bytes += st.bytes;
            sum.chars += st.chars;
            pages += st.pages;
            if (st.bytes > max_bytes)
                max_bytes = st.bytes;
        }
    }
    long self_kib = max_rss_kib(RUSAGE_SELF);
    qsort(per, total, sizeof *per, compare_double);
    double mean = 0;
    for (size_t i = 0; i < total; i++)
        mean += per[i];
    mean /= (double)(total ? total : 1);
    double d = (double)(total ? total : 1);
    printf("%s: %zu reports, %.1f pages and %.0f distinct characters each\n", argv[2], n,
           (double)pages / d, (double)sum.chars / d);
    printf("setup (font, sandbox, layout file): %.1f ms once per process\n", open_ms);
    printf("per report: mean %.1f ms, median %.1f ms, max %.1f ms (%d runs)\n", mean,
           per[total / 2], per[total ? total - 1 : 0], runs);
    printf("  layout script %.1f, line and page layout %.1f, characters %.1f, subset %.1f,\n"
           "  PDF (pages, charts, compression) %.1f, file (write, fsync, rename) %.1f ms\n",
           sum.script_ms / d, sum.layout_ms / d, sum.collect_ms / d, sum.subset_ms / d,
           sum.pdf_ms / d, sum.file_ms / d);
    printf("PDF size: mean %.1f KiB, max %.1f KiB\n", (double)sum.bytes / d / 1024,
           (double)max_bytes / 1024);
    printf("peak memory of this process: %.1f MiB\n", (double)self_kib / 1024);
    kp_report_close(r);

    /* The whole set, as `report --all -j 1` and `-j JOBS` render it. */
    cfg.stats = NULL;
    double one = batch(&cfg, subjects, n, dir, 1);
    double many = jobs > 1 ? batch(&cfg, subjects, n, dir, jobs) : one;
    long child_kib = max_rss_kib(RUSAGE_CHILDREN);
    if (one >= 0 && many >= 0) {
        printf("all %zu reports: %.0f ms with 1 process (%.1f ms each), %.0f ms with %d workers "
               "(%.1f ms each, %.2f× faster)\n", n, one, one / (double)(n ? n : 1), many, jobs,
               many / (double)(n ? n : 1), many > 0 ? one / many : 0);
        if (jobs > 1 && n > 1)
            printf("peak memory of a worker: %.1f MiB\n", (double)child_kib / 1024);
    }
    kp_report_subjects_free(subjects, n);
    free(per);
    if (argc <= 5)
        printf("(reports left in %s)\n", dir);
    return one < 0 || many < 0;
}
