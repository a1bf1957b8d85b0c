/*
 * replay.c — runs a fuzz target over files, without libFuzzer.
 *
 * Linked with one fuzz target, this makes an ordinary test program: every
 * file of the given folders (the target's seed corpus and the inputs that
 * once found a bug) goes through LLVMFuzzerTestOneInput, so the normal and
 * sanitizer builds keep checking them with gcc.  A target reports a broken
 * promise by aborting, which fails the test.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util/dirlist.h"

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    uint8_t *data = NULL;
    size_t len = 0, cap = 0, n;
    uint8_t chunk[65536];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n > cap) {
            cap = (len + n) * 2;
            uint8_t *p = realloc(data, cap);
            if (!p) {
                free(data);
                fclose(f);
                fprintf(stderr, "%s: out of memory\n", path);
                return -1;
            }
            data = p;
        }
        memcpy(data + len, chunk, n);
        len += n;
    }
    fclose(f);
    /* An exact-size copy, so that the sanitizers see any read past its end. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(data);
        return -1;
    }
    if (len)
        memcpy(exact, data, len);
    free(data);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

/* Every regular file of `dir` in name order (folders in it are not inputs). */
static int run_dir(const char *dir, int *count)
{
    kp_dirlist l;
    kp_err e;
    if (kp_dirlist_read(&l, dir, NULL, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < l.n && rc == 0; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, l.names[i]);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (run_file(path) < 0)
            rc = -1;
        else
            (*count)++;
    }
    kp_dirlist_free(&l);
    return rc;
}

int main(int argc, char **argv)
{
    int count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            return 1;
        }
        if (S_ISDIR(st.st_mode) ? run_dir(argv[i], &count) : run_file(argv[i]))
            return 1;
        if (!S_ISDIR(st.st_mode))
            count++;
    }
    if (count == 0) {
        fprintf(stderr, "no inputs replayed\n");
        return 1;
    }
    fprintf(stderr, "%d inputs replayed\n", count);
    return 0;
}
