/*
 * import_bench.c — how fast `kaoping import` stores rows, and in how much memory.
 *
 *   build/bench/import_bench PLUGIN.so [ROWS] [SCRATCH_DIR]
 *
 * Writes a province's units (100 counties × 10 townships × 18 villages) and
 * ROWS (default 1,000,000) health_lectures rows as CSV, imports them into a
 * new database, imports them again (all unchanged), and prints rows/s for
 * both, the file size, and the process's peak resident memory.  It does so
 * twice: with rows grouped by unit, as a county's own file is, and shuffled
 * across the province, the worst case for the key index.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "import/import.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static const char *const topics[] = {"合理膳食与健康生活", "科学育儿讲座", "慢性病预防",
                                     "心理健康与家庭关系", "老年人健康管理", "青春期健康教育"};

static int write_data(const char *dir, long rows, int grouped)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/units.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f, "code,name,level,parent\n420000000000,测试省会市,市,\n");
    for (int c = 1; c <= 100; c++) {
        fprintf(f, "42%03d0000000,第%d区,县,420000000000\n", c, c);
        for (int t = 1; t <= 10; t++) {
            fprintf(f, "42%03d%03d0000,第%d镇,乡,42%03d0000000\n", c, t, t, c);
            for (int v = 1; v <= 18; v++)
                fprintf(f, "42%03d%03d%04d,第%d村,村,42%03d%03d0000\n", c, t, v, v, c, t);
        }
    }
    if (fclose(f))
        return -1;
    snprintf(path, sizeof path, "%s/health_lectures.csv", dir);
    if (!(f = fopen(path, "w")))
        return -1;
    fprintf(f, "unit,date,title,participants\n");
    unsigned seed = 1;
    for (long i = 0; i < rows; i++) {
        seed = seed * 1103515245u + 12345u;
        long u = grouped ? i * 18000 / rows : (long)(seed >> 4) % 18000;
        int c = 1 + (int)(u / 180), t = 1 + (int)(u / 18 % 10), v = 1 + (int)(u % 18);
        /* unique key: the row number goes into the title */
        fprintf(f, "42%03d%03d%04d,2023-%02ld-%02ld,%s（第%ld期）,%ld\n", c, t, v, 1 + i % 12,
                1 + i % 28, topics[i % 6], i, 10 + i % 90);
    }
    return fclose(f);
}

static int run(kp_store *s, const kp_registry *reg, const char *dir, kp_import_totals *t,
               double *secs)
{
    const char *paths[] = {dir};
    kp_err e;
    double t0 = now();
    if (kp_import(s, reg, paths, 1, NULL, t, &e)) {
        fprintf(stderr, "import failed: %s\n", e.msg);
        return -1;
    }
    *secs = now() - t0;
    return 0;
}

static int bench(const char *module, long rows, const char *dir, int grouped)
{
    char db[4200], csv[4200];
    snprintf(db, sizeof db, "%s.db", dir);
    remove(db);
    if (write_data(dir, rows, grouped)) {
        perror(dir);
        return 1;
    }
    snprintf(csv, sizeof csv, "%s/health_lectures.csv", dir);
    FILE *f = fopen(csv, "rb");
    if (!f || fseek(f, 0, SEEK_END)) {
        perror(csv);
        return 1;
    }
    long bytes = ftell(f);
    fclose(f);

    kp_registry *reg;
    kp_store *s;
    kp_err e;
    if (kp_registry_load_paths(&reg, &module, 1, NULL, NULL, &e) ||
        kp_store_open(&s, db, KP_STORE_CREATE, &e) || kp_store_migrate_plugins(s, reg, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    kp_import_totals t;
    double first, second;
    printf("%s:\n", grouped ? "rows grouped by unit" : "rows shuffled across the province");
    if (run(s, reg, dir, &t, &first))
        return 1;
    printf("  first import:  %ld rows (%.1f MB of lectures) in %.2f s = %.0f rows/s (%ld added)\n",
           t.rows, bytes / 1e6, first, t.rows / first, t.added);
    if (run(s, reg, dir, &t, &second))
        return 1;
    printf("  second import: %ld rows in %.2f s = %.0f rows/s (%ld unchanged)\n", t.rows, second,
           t.rows / second, t.unchanged);
    printf("  peak memory so far: %.1f MiB\n", peak_rss_kib() / 1024.0);
    kp_store_close(s);
    kp_registry_free(reg);
    remove(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: import_bench PLUGIN.so [ROWS] [SCRATCH_DIR]\n");
        return 2;
    }
    long rows = argc > 2 ? atol(argv[2]) : 1000000;
    const char *dir = argc > 3 ? argv[3] : "/tmp/kaoping-import-bench";
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
    if (rows < 1 || system(cmd) != 0)
        return 1;
    return bench(argv[1], rows, dir, 1) || bench(argv[1], rows, dir, 0);
}
