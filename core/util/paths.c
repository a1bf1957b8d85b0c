/* paths.c — where kaoping finds its own files (see paths.h). */
#include "util/paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kp_config.h"

#define MAX_CANDIDATES 4

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *kp_exe_path(void)
{
    static char exe[PATH_MAX];
    if (!exe[0]) {
        char link[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", link, sizeof link - 1);
        if (n > 0) {
            link[n] = '\0';
            if (!realpath(link, exe))
                snprintf(exe, sizeof exe, "%s", link);
        }
    }
    return exe;
}


/* The folder of the executable, and the prefix above it when it sits in
 * PREFIX/BINDIR; 0 when /proc cannot say. */
static int exe_dirs(char dir[PATH_MAX], char prefix[PATH_MAX])
{
    const char *exe = kp_exe_path();
    const char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    snprintf(dir, PATH_MAX, "%.*s", (int)(slash - exe), exe);
    snprintf(prefix, PATH_MAX, "%s", dir);
    /* One level up for each part of BINDIR ("bin": one). */
    static const char bindir[] = KP_REL_BINDIR;
    for (size_t i = 0; bindir[i]; i++) {
        if (i > 0 && bindir[i - 1] != '/')
            continue;
        char *up = strrchr(prefix, '/');
        if (!up)
            break;
        *up = '\0';
        if (!*prefix)
            snprintf(prefix, PATH_MAX, "/");
    }
    return 1;
}

static int installed_beside(void);

int kp_running_from_build_tree(void)
{
    const char *exe = kp_exe_path();
    size_t root = strlen(KP_BUILD_ROOT);
    /* An install made (with --destdir) somewhere below the build tree is
     * an install all the same. */
    return !strncmp(exe, KP_BUILD_ROOT, root) && exe[root] == '/' && !installed_beside();
}

/* Is there an installed data folder at PREFIX/DATADIR/kaoping above the
 * executable? */
static int installed_beside(void)
{
    char dir[PATH_MAX], prefix[PATH_MAX], data[PATH_MAX + 64];
    if (!exe_dirs(dir, prefix))
        return 0;
    snprintf(data, sizeof data, "%s/%s/scripts", prefix, KP_REL_DATA_DIR);
    return is_dir(data);
}

/* A folder that holds a Meson build tree: a moved or copied one counts. */
static int is_build_tree(const char *dir)
{
    char f[PATH_MAX];
    snprintf(f, sizeof f, "%s/build.ninja", dir);
    return access(f, F_OK) == 0;
}

/* A list of folders to try, made once. */
struct candidates {
    char store[MAX_CANDIDATES][PATH_MAX];
    const char *list[MAX_CANDIDATES + 1];
    size_t n;
    int done;
};

static void add(struct candidates *c, const char *a, const char *b)
{
    if (c->n >= MAX_CANDIDATES)
        return;
    snprintf(c->store[c->n], PATH_MAX, "%s%s%s", strcmp(a, "/") ? a : "", *b ? "/" : "", b);
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->list[i], c->store[c->n]))
            return;
    c->list[c->n] = c->store[c->n];
    c->n++;
}

/* The build tree's own kaoping: `own` only.  Otherwise next to the
 * executable: in a copied build tree `copied` (relative to it, or when NULL
 * `own`), in an install PREFIX/`rel`; then the configured folder. */
static const char *const *find(struct candidates *c, const char *own, const char *copied,
                               const char *rel, const char *configured)
{
    if (c->done)
        return c->list;
    c->done = 1;
    char dir[PATH_MAX], prefix[PATH_MAX];
    if (kp_running_from_build_tree()) {
        add(c, own, "");
    } else {
        if (exe_dirs(dir, prefix)) {
            if (is_build_tree(dir))
                add(c, copied ? dir : own, copied ? copied : "");
            add(c, prefix, rel);
        }
        add(c, configured, "");
    }
    c->list[c->n] = NULL;
    return c->list;
}

const char *const *kp_plugin_dir_candidates(void)
{
    static struct candidates c;
    return find(&c, KP_BUILD_PLUGIN_DIR, "plugins", KP_REL_PLUGIN_DIR, KP_PLUGIN_DIR);
}

/* The first of `c` that is a folder, or NULL. */
static const char *first_dir(const char *const *c)
{
    for (; *c; c++)
        if (is_dir(*c))
            return *c;
    return NULL;
}

const char *kp_plugin_dir(void)
{
    return first_dir(kp_plugin_dir_candidates());
}

const char *const *kp_data_dir_candidates(void)
{
    /* A build tree has no data of its own: the source tree it was built from. */
    static struct candidates c;
    return find(&c, KP_SOURCE_ROOT, NULL, KP_REL_DATA_DIR, KP_DATA_DIR);
}

const char *kp_data_dir(void)
{
    const char *const *c = kp_data_dir_candidates();
    const char *last = KP_DATA_DIR;
    for (; *c; c++) {
        char scripts[PATH_MAX];
        snprintf(scripts, sizeof scripts, "%s/scripts", *c);
        if (is_dir(scripts))
            return *c;
        last = *c;
    }
    return last;
}

const char *const *kp_locale_dir_candidates(void)
{
    static struct candidates c;
    return find(&c, KP_BUILD_LOCALE_DIR, "po", KP_REL_LOCALE_DIR, KP_LOCALE_DIR);
}

const char *kp_locale_dir(void)
{
    return first_dir(kp_locale_dir_candidates());
}

const char *kp_data_path(char *out, size_t size, const char *rel)
{
    snprintf(out, size, "%s/%s", kp_data_dir(), rel);
    return out;
}
