/* dirlist.c — the files of a folder, in name order (see dirlist.h). */
#include "util/dirlist.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = strlen(suffix);
    return n > s && !strcasecmp(name + n - s, suffix);
}

int kp_dirlist_read(kp_dirlist *out, const char *dir, const char *suffix, kp_err *e)
{
    out->names = NULL;
    out->n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return kp_fail_errno(e, "%s", dir);
    size_t cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || (suffix && !has_suffix(de->d_name, suffix)))
            continue;
        if (out->n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **p = realloc(out->names, ncap * sizeof *p);
            if (!p) {
                rc = kp_fail(e, "%s: out of memory", dir);
                break;
            }
            out->names = p;
            cap = ncap;
        }
        if (!(out->names[out->n] = strdup(de->d_name))) {
            rc = kp_fail(e, "%s: out of memory", dir);
            break;
        }
        out->n++;
    }
    closedir(d);
    if (rc) {
        kp_dirlist_free(out);
        return -1;
    }
    if (out->n > 1)
        qsort(out->names, out->n, sizeof *out->names, by_name);
    return 0;
}

void kp_dirlist_free(kp_dirlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    l->names = NULL;
    l->n = 0;
}
