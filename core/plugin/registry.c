/*
 * registry.c — finding, checking and registering work-area plugins.
 *
 * A plugin is trusted code once loaded, so everything that can be checked is
 * checked before it is accepted: the file and its folders (trust.c, before
 * the loader sees it; the loader then opens the very file checked), that it loads with
 * every symbol resolved (RTLD_NOW: a plugin that reaches for host internals
 * fails here, naming the symbol), the descriptor's ABI major, minor and size
 * before any other field is read, and then the descriptor itself (ids,
 * tables, columns, indicators, clashes with the core and other plugins).
 * A refused file is reported and skipped; the others still load.  Accepted
 * plugins are never unloaded (their strings are used until exit).
 */
#include "plugin/registry.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kp_config.h"
#include "plugin/descriptor.h"
#include "plugin/trust.h"
#include "util/dirlist.h"
#include "util/paths.h"

#define KP_MAX_PLUGINS 64

struct loaded {
    const struct kp_plugin *desc; /* &copy.plugin: never the plugin's own */
    struct kp_descriptor copy;
    char *path;
    void *handle;
};

struct kp_registry {
    struct loaded plugins[KP_MAX_PLUGINS];
    size_t count;
};

static int valid_id(const char *s)
{
    if (!s || !(*s >= 'a' && *s <= 'z'))
        return 0;
    size_t n = 0;
    for (; *s; s++, n++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return n <= 48;
}

static int nonempty(const char *s)
{
    return s && *s;
}

/* Names the core owns: a plugin table may not take them. */
static int core_table_name(const char *id)
{
    return !strcmp(id, "units") || !strncmp(id, "kp_", 3) || !strncmp(id, "sqlite_", 7);
}

static int allowed_value(const char *const *allowed, const char *s)
{
    for (; *allowed; allowed++)
        if (!strcmp(*allowed, s))
            return 1;
    return 0;
}

static int check_columns(const struct kp_table *t, char *why, size_t n)
{
    size_t keys = 0;
    for (size_t c = 0; c < t->ncolumns; c++) {
        const struct kp_column *col = &t->columns[c];
        if (!valid_id(col->id) || col->id[0] == '_' || !strcmp(col->id, "rowid")) {
            snprintf(why, n, "table %s: column %zu has no valid id", t->id, c + 1);
            return -1;
        }
        if (!nonempty(col->title)) {
            snprintf(why, n, "table %s: column %s has no title", t->id, col->id);
            return -1;
        }
        if (col->type < KP_TEXT || col->type > KP_UNIT) {
            snprintf(why, n, "table %s: column %s has an unknown type %d", t->id, col->id,
                     col->type);
            return -1;
        }
        if (col->type == KP_UNIT && (col->levels == 0 || (col->levels & ~KP_LEVEL_ANY))) {
            snprintf(why, n, "table %s: unit column %s needs levels", t->id, col->id);
            return -1;
        }
        if (col->allowed && col->example && !allowed_value(col->allowed, col->example)) {
            snprintf(why, n, "table %s: column %s's example \"%s\" is not one of its values",
                     t->id, col->id, col->example);
            return -1;
        }
        for (size_t d = 0; d < c; d++)
            if (!strcmp(t->columns[d].id, col->id) || !strcmp(t->columns[d].title, col->title)) {
                snprintf(why, n, "table %s: column %s is declared twice", t->id, col->id);
                return -1;
            }
        if (col->flags & KP_COL_KEY)
            keys++;
    }
    if (keys == 0) {
        snprintf(why, n, "table %s has no key column", t->id);
        return -1;
    }
    return 0;
}

/* Check a descriptor whose ABI fields have already been accepted. */
static int check_descriptor(const kp_registry *r, const struct kp_plugin *p, char *why, size_t n)
{
    if (!valid_id(p->id)) {
        snprintf(why, n, "its id is not a lower-case identifier");
        return -1;
    }
    if (!nonempty(p->title) || !nonempty(p->version)) {
        snprintf(why, n, "plugin %s has no title or version", p->id);
        return -1;
    }
    for (size_t i = 0; i < r->count; i++)
        if (!strcmp(r->plugins[i].desc->id, p->id)) {
            snprintf(why, n, "plugin id %s is already taken by %s", p->id, r->plugins[i].path);
            return -1;
        }
    for (size_t t = 0; t < p->ntables; t++) {
        const struct kp_table *tab = &p->tables[t];
        if (!valid_id(tab->id) || !nonempty(tab->title)) {
            snprintf(why, n, "plugin %s: table %zu has no valid id or title", p->id, t + 1);
            return -1;
        }
        if (core_table_name(tab->id)) {
            snprintf(why, n, "plugin %s: table %s clashes with a core table", p->id, tab->id);
            return -1;
        }
        for (size_t u = 0; u < t; u++)
            if (!strcmp(p->tables[u].id, tab->id)) {
                snprintf(why, n, "plugin %s: table %s is declared twice", p->id, tab->id);
                return -1;
            }
        const struct kp_plugin *owner;
        if (kp_registry_find_table(r, tab->id, &owner)) {
            snprintf(why, n, "plugin %s: table %s clashes with plugin %s", p->id, tab->id,
                     owner->id);
            return -1;
        }
        if (check_columns(tab, why, n))
            return -1;
    }
    for (size_t i = 0; i < p->nindicators; i++) {
        const struct kp_indicator *ind = &p->indicators[i];
        if (!valid_id(ind->id) || !nonempty(ind->title) || !ind->measure || !ind->compute) {
            snprintf(why, n, "plugin %s: indicator %zu needs an id, title, measure and compute",
                     p->id, i + 1);
            return -1;
        }
        for (size_t j = 0; j < i; j++)
            if (!strcmp(p->indicators[j].id, ind->id)) {
                snprintf(why, n, "plugin %s: indicator %s is declared twice", p->id, ind->id);
                return -1;
            }
    }
    return 0;
}

static void refuse(kp_refusal_fn fn, void *ud, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void refuse(kp_refusal_fn fn, void *ud, const char *path, const char *fmt, ...)
{
    char why[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (fn)
        fn(ud, path, why);
    else
        fprintf(stderr, "kaoping: warning: plugin %s refused: %s\n", path, why);
}

/*
 * dlopen() the file open on `fd` through /proc/self/fd/N, so that the file
 * checked is the file loaded.  The loader hands back the library it loaded
 * before under the same name without looking at the file, and descriptor
 * numbers are reused once closed; so every name passed is remembered with
 * the file it stood for, and a name that stood for another file is never
 * passed again: the file is reached through another descriptor instead.
 * NULL with `why` set when that cannot be done, NULL with `why` empty when
 * dlopen() failed (see dlerror()).
 */
#define KP_MAX_FD_NAMES 256

static struct fd_name {
    int fd;
    dev_t dev;
    ino_t ino;
} fd_names[KP_MAX_FD_NAMES];
static size_t nfd_names;
static pthread_mutex_t fd_names_lock = PTHREAD_MUTEX_INITIALIZER;

/* 1 when /proc/self/fd/<fd> may name `st`'s file, remembering it if new. */
static int fd_name_free(int fd, const struct stat *st)
{
    for (size_t i = 0; i < nfd_names; i++)
        if (fd_names[i].fd == fd)
            return fd_names[i].dev == st->st_dev && fd_names[i].ino == st->st_ino;
    if (nfd_names == KP_MAX_FD_NAMES)
        return 0;
    fd_names[nfd_names++] = (struct fd_name){fd, st->st_dev, st->st_ino};
    return 1;
}

static void *open_by_fd(int fd, char *why, size_t n)
{
    int dups[64], ndups = 0, cur = fd;
    struct stat st;
    void *h = NULL;
    why[0] = '\0';
    if (access("/proc/self/fd", X_OK) != 0 || fstat(fd, &st) != 0) {
        snprintf(why, n, "/proc is not mounted, and without it kaoping cannot load the file"
                 " it checked");
        return NULL;
    }
    pthread_mutex_lock(&fd_names_lock);
    while (!fd_name_free(cur, &st)) {
        if (ndups == (int)(sizeof dups / sizeof dups[0]) ||
            (cur = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0) {
            snprintf(why, n, "no descriptor is left to load it through");
            goto out;
        }
        dups[ndups++] = cur;
    }
    char name[64];
    snprintf(name, sizeof name, "/proc/self/fd/%d", cur);
    h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
out:
    pthread_mutex_unlock(&fd_names_lock);
    while (ndups > 0)
        close(dups[--ndups]);
    return h;
}

static void load_file(kp_registry *r, const char *path, kp_refusal_fn fn, void *ud)
{
    char why[1024];
    if (r->count == KP_MAX_PLUGINS) {
        refuse(fn, ud, path, "more than %d plugins", KP_MAX_PLUGINS);
        return;
    }
    int fd;
    if (kp_plugin_open_trusted(path, &fd, why, sizeof why)) {
        refuse(fn, ud, path, "%s", why);
        return;
    }
    void *h = open_by_fd(fd, why, sizeof why);
    close(fd);
    if (!h && why[0]) {
        refuse(fn, ud, path, "%s", why);
        return;
    }
    if (!h) {
        const char *msg = dlerror();
        refuse(fn, ud, path, "it does not load: %s", msg ? msg : "unknown reason");
        return;
    }
    /* The same file reached twice (a folder listed twice, a link): the
     * loader hands back the handle it already has; it is loaded already. */
    for (size_t i = 0; i < r->count; i++)
        if (r->plugins[i].handle == h) {
            dlclose(h);
            return;
        }
    const struct kp_plugin *(*entry)(void);
    *(void **)&entry = dlsym(h, KP_PLUGIN_SYMBOL);
    if (!entry) {
        refuse(fn, ud, path, "it does not export %s()", KP_PLUGIN_SYMBOL);
        dlclose(h);
        return;
    }
    const struct kp_plugin *p = entry();
    if (!p) {
        refuse(fn, ud, path, "%s() returned nothing", KP_PLUGIN_SYMBOL);
        dlclose(h);
        return;
    }
    if (p->abi_major != KP_ABI_MAJOR) {
        refuse(fn, ud, path, "it was built for plugin ABI %u.%u; this kaoping has %d.%d",
               p->abi_major, p->abi_minor, KP_ABI_MAJOR, KP_ABI_MINOR);
        dlclose(h);
        return;
    }
    if (p->abi_minor > KP_ABI_MINOR) {
        refuse(fn, ud, path, "it was built for plugin ABI %u.%u, newer than this kaoping's %d.%d;"
               " update kaoping, or rebuild the plugin against this kaoping's plugin.h",
               p->abi_major, p->abi_minor, KP_ABI_MAJOR, KP_ABI_MINOR);
        dlclose(h);
        return;
    }
    struct loaded *l = &r->plugins[r->count];
    if (kp_descriptor_copy(&l->copy, p, why, sizeof why)) {
        refuse(fn, ud, path, "%s", why);
        dlclose(h);
        return;
    }
    l->desc = &l->copy.plugin;
    l->path = strdup(path);
    if (!l->path || check_descriptor(r, l->desc, why, sizeof why)) {
        refuse(fn, ud, path, "%s", l->path ? why : "out of memory");
        free(l->path);
        kp_descriptor_free(&l->copy);
        *l = (struct loaded){0};
        dlclose(h);
        return;
    }
    l->handle = h;
    r->count++;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* Every *.so in `dir` and in its direct subfolders (the build tree keeps
 * each plugin in a folder of its own), in name order. */
static void load_dir(kp_registry *r, const char *dir, int depth, kp_refusal_fn fn, void *ud)
{
    kp_dirlist l;
    kp_err e;
    /* A plugin folder that is not there holds no plugins. */
    if (kp_dirlist_read(&l, dir, NULL, &e))
        return;
    for (size_t i = 0; i < l.n; i++) {
        char path[PATH_MAX];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", dir, l.names[i]) >= (int)sizeof path ||
            stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && depth == 0)
            load_dir(r, path, 1, fn, ud);
        else if (S_ISREG(st.st_mode) && has_suffix(l.names[i], ".so"))
            load_file(r, path, fn, ud);
    }
    kp_dirlist_free(&l);
}

static int new_registry(kp_registry **out, kp_err *e)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : kp_fail(e, "out of memory");
}

int kp_registry_load_paths(kp_registry **out, const char *const *paths, size_t npaths,
                           kp_refusal_fn refused, void *ud, kp_err *e)
{
    if (new_registry(out, e))
        return -1;
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
            load_dir(*out, paths[i], 0, refused, ud);
        else
            load_file(*out, paths[i], refused, ud);
    }
    return 0;
}

int kp_registry_load(kp_registry **out, kp_refusal_fn refused, void *ud, kp_err *e)
{
    if (new_registry(out, e))
        return -1;
    const char *env = getenv("KAOPING_PLUGIN_PATH");
    if (env && *env) {
        char *list = strdup(env);
        if (!list) {
            kp_registry_free(*out);
            *out = NULL;
            return kp_fail(e, "out of memory");
        }
        char *save = NULL;
        for (char *dir = strtok_r(list, ":", &save); dir; dir = strtok_r(NULL, ":", &save))
            load_dir(*out, dir, 0, refused, ud);
        free(list);
    }
    load_dir(*out, kp_running_from_build_tree() ? KP_BUILD_PLUGIN_DIR : KP_PLUGIN_DIR, 0, refused, ud);
    return 0;
}

void kp_registry_free(kp_registry *r)
{
    if (!r)
        return;
    /* The handles stay open: plugin strings may still be referenced. */
    for (size_t i = 0; i < r->count; i++) {
        free(r->plugins[i].path);
        kp_descriptor_free(&r->plugins[i].copy);
    }
    free(r);
}

size_t kp_registry_count(const kp_registry *r)
{
    return r->count;
}

const struct kp_plugin *kp_registry_plugin(const kp_registry *r, size_t i)
{
    return i < r->count ? r->plugins[i].desc : NULL;
}

const char *kp_registry_plugin_path(const kp_registry *r, size_t i)
{
    return i < r->count ? r->plugins[i].path : NULL;
}

const struct kp_plugin *kp_registry_find_plugin(const kp_registry *r, const char *id)
{
    for (size_t i = 0; i < r->count; i++)
        if (!strcmp(r->plugins[i].desc->id, id))
            return r->plugins[i].desc;
    return NULL;
}

const struct kp_table *kp_registry_find_table(const kp_registry *r, const char *id,
                                              const struct kp_plugin **owner)
{
    for (size_t i = 0; i < r->count; i++) {
        const struct kp_plugin *p = r->plugins[i].desc;
        for (size_t t = 0; t < p->ntables; t++)
            if (!strcmp(p->tables[t].id, id)) {
                if (owner)
                    *owner = p;
                return &p->tables[t];
            }
    }
    return NULL;
}

const struct kp_indicator *kp_registry_find_indicator(const kp_registry *r, const char *qid,
                                                      const struct kp_plugin **owner)
{
    const char *dot = strchr(qid, '.');
    if (!dot)
        return NULL;
    for (size_t i = 0; i < r->count; i++) {
        const struct kp_plugin *p = r->plugins[i].desc;
        if (strlen(p->id) != (size_t)(dot - qid) || strncmp(p->id, qid, (size_t)(dot - qid)))
            continue;
        for (size_t j = 0; j < p->nindicators; j++)
            if (!strcmp(p->indicators[j].id, dot + 1)) {
                if (owner)
                    *owner = p;
                return &p->indicators[j];
            }
    }
    return NULL;
}
