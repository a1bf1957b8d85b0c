/*
 * outdir.c — the demo's output folder and its list of what kaoping wrote
 * there (see outdir.h).
 *
 * The list is a text file: a signature line, then one path per line,
 * relative to the folder.  Paths that leave the folder (absolute, or with a
 * ".." part) are refused, so an edited list cannot make kaoping delete
 * anything outside it.
 */
#include "demo_city/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"

#define SIGNATURE "# files written by kaoping demo; kaoping deletes them on its next run"
#define MANIFEST_MAX ((size_t)1 << 20)
#define MAX_DEPTH 8

struct listing {
    char *text;    /* the list file, split into lines in place */
    char **paths;
    size_t n;
};

static void listing_free(struct listing *l)
{
    free(l->text);
    free(l->paths);
}

static int safe_relative(const char *p)
{
    if (!*p || *p == '/')
        return 0;
    for (const char *s = p; s; s = strchr(s, '/')) {
        if (*s == '/')
            s++;
        if (!strncmp(s, "..", 2) && (s[2] == '/' || s[2] == '\0'))
            return 0;
    }
    return 1;
}

static int manifest_path(const char *dir, char out[PATH_MAX], kp_err *e)
{
    if (snprintf(out, PATH_MAX, "%s/%s", dir, KP_DEMO_MANIFEST) >= PATH_MAX)
        return kp_fail(e, "%s: the folder name is too long", dir);
    return 0;
}

/* Read the list if there is one (l->n = 0 when not). */
static int read_listing(const char *dir, struct listing *l, kp_err *e)
{
    char path[PATH_MAX];
    if (manifest_path(dir, path, e))
        return -1;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? 0 : kp_fail_errno(e, "%s", path);
    kp_buf b;
    kp_buf_init(&b, MANIFEST_MAX);
    char chunk[4096];
    size_t got;
    int rc = 0;
    while (rc == 0 && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (kp_buf_append(&b, chunk, got))
            rc = kp_fail(e, "%s: larger than %zu bytes; this is not kaoping's list", path,
                         MANIFEST_MAX);
    if (rc == 0 && ferror(f))
        rc = kp_fail_errno(e, "%s", path);
    fclose(f);
    if (rc) {
        kp_buf_free(&b);
        return -1;
    }
    l->text = kp_buf_steal(&b);
    size_t lines = 1;
    for (const char *s = l->text; *s; s++)
        lines += *s == '\n';
    if (!(l->paths = malloc(lines * sizeof *l->paths)))
        return kp_fail(e, "out of memory");
    char *save = NULL;
    long line = 0;
    for (char *s = strtok_r(l->text, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
        line++;
        if (line == 1) {
            if (strcmp(s, SIGNATURE))
                return kp_fail(e, "%s:1: not a list kaoping wrote; give kaoping demo an empty or "
                                  "new folder", path);
            continue;
        }
        if (!safe_relative(s))
            return kp_fail(e, "%s:%ld: \"%s\" is not a path inside the folder; the list was "
                              "edited, so kaoping will not use this folder", path, line, s);
        l->paths[l->n++] = s;
    }
    if (line == 0)
        return kp_fail(e, "%s: empty; this is not kaoping's list", path);
    return 0;
}

static int listed(const struct listing *l, const char *rel)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->paths[i], rel))
            return 1;
    return 0;
}

/* Every file under dir/rel must be on the list (or be the list itself). */
static int check_tree(const char *dir, const char *rel, int depth, const struct listing *l,
                      kp_err *e)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s%s%s", dir, *rel ? "/" : "", rel) >= (int)sizeof path)
        return kp_fail(e, "%s/%s: the path is too long", dir, rel);
    DIR *d = opendir(path);
    if (!d)
        return kp_fail_errno(e, "%s", path);
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char child[PATH_MAX], full[PATH_MAX];
        if (snprintf(child, sizeof child, "%s%s%s", rel, *rel ? "/" : "", de->d_name) >=
                (int)sizeof child ||
            snprintf(full, sizeof full, "%s/%s", dir, child) >= (int)sizeof full) {
            rc = kp_fail(e, "%s/%s: the path is too long", path, de->d_name);
            break;
        }
        struct stat st;
        if (lstat(full, &st)) {
            rc = kp_fail_errno(e, "%s", full);
        } else if (S_ISDIR(st.st_mode)) {
            rc = depth >= MAX_DEPTH
                     ? kp_fail(e, "%s: folders nested too deep; kaoping did not write them", full)
                     : check_tree(dir, child, depth + 1, l, e);
        } else if (strcmp(child, KP_DEMO_MANIFEST) && !listed(l, child)) {
            rc = kp_fail(e, "%s holds %s, which kaoping did not write; give kaoping demo an "
                            "empty or new folder (nothing was changed)", dir, child);
        }
    }
    closedir(d);
    return rc;
}

static int make_dirs(const char *dir, kp_err *e)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return kp_fail(e, "%s: the folder name is too long", dir);
    for (char *s = path + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char saved = *s;
        *s = '\0';
        if (mkdir(path, 0777) && errno != EEXIST)
            return kp_fail_errno(e, "creating %s", path);
        *s = saved;
        if (!saved)
            return 0;
    }
}

static int start_listing(const char *dir, kp_err *e)
{
    char path[PATH_MAX];
    if (manifest_path(dir, path, e))
        return -1;
    FILE *f = fopen(path, "wb");
    if (!f)
        return kp_fail_errno(e, "%s", path);
    int bad = fputs(SIGNATURE "\n", f) == EOF;
    if (fclose(f) || bad)
        return kp_fail_errno(e, "%s", path);
    return 0;
}

int kp_demo_dir_claim(const char *dir, kp_err *e)
{
    struct stat st;
    if (stat(dir, &st)) {
        if (errno != ENOENT)
            return kp_fail_errno(e, "%s", dir);
        return make_dirs(dir, e) || start_listing(dir, e) ? -1 : 0;
    }
    if (!S_ISDIR(st.st_mode))
        return kp_fail(e, "%s is a file, not a folder", dir);
    struct listing l = {0};
    int rc = read_listing(dir, &l, e);
    if (rc == 0)
        rc = check_tree(dir, "", 0, &l, e);
    for (size_t i = 0; rc == 0 && i < l.n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, l.paths[i]);
        if (unlink(path) && errno != ENOENT)
            rc = kp_fail_errno(e, "removing %s", path);
    }
    listing_free(&l);
    return rc ? -1 : start_listing(dir, e);
}

int kp_demo_dir_record(const char *dir, const char *relpath, kp_err *e)
{
    char path[PATH_MAX];
    if (!safe_relative(relpath))
        return kp_fail(e, "%s: not a path inside %s", relpath, dir);
    if (manifest_path(dir, path, e))
        return -1;
    FILE *f = fopen(path, "ab");
    if (!f)
        return kp_fail_errno(e, "%s", path);
    int bad = fprintf(f, "%s\n", relpath) < 0;
    if (fclose(f) || bad)
        return kp_fail_errno(e, "%s", path);
    return 0;
}
