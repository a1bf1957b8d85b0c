/*
 * test_plugin_perms.c — plugins that someone else could have written are
 * refused with the reason, and the ones that are the user's own still load.
 *
 * A plugin is code that runs as the user, so a plugin file that every user
 * may write, that belongs to another user, or that sits below a folder that
 * every user may write (or that another user owns) is refused: whoever could
 * write it could run code as the user.  A sticky world-writable folder such
 * as /tmp lets others add files but not replace ours, so our file there loads
 * and theirs does not.  Links and relative paths are checked where they lead,
 * and where they stand: a link in a folder every user may write is refused.
 * A folder or file writable by a group is refused unless the group is its
 * owner's own.  What is checked is what is loaded: swapping a link between a
 * good plugin and a refused one, in a loop while kaoping loads it, never gets
 * the refused one's constructor run.
 *
 * argv: a plugin module (health_promotion.so), the constructor fixture, a
 * scratch folder.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "plugin/registry.h"

static char scratch[4096];
static char refusals[8192];

static void on_refused(void *ud, const char *path, const char *why)
{
    (void)ud;
    size_t used = strlen(refusals);
    snprintf(refusals + used, sizeof refusals - used, "%s: %s\n", path, why);
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;
    if (in && out)
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            if (fwrite(buf, 1, n, out) != n)
                break;
    if (in)
        fclose(in);
    if (!out || fclose(out) != 0 || !in)
        fprintf(stderr, "cannot copy %s to %s\n", from, to);
    chmod(to, 0644);
}

/* scratch/<rel>, made (folders 0755) and filled with a copy of the plugin. */
static const char *place(const char *plugin, const char *rel)
{
    static char paths[8][4096];
    static int next;
    char *path = paths[next++ % 8];
    snprintf(path, 4096, "%s/%s", scratch, rel);
    for (char *p = path + strlen(scratch) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            fprintf(stderr, "cannot make %s\n", path);
        chmod(path, 0755);
        *p = '/';
    }
    copy_file(plugin, path);
    return path;
}

/* Load one path; returns how many plugins loaded, with the refusals in `refusals`. */
static size_t load(const char *path)
{
    refusals[0] = '\0';
    kp_registry *reg;
    kp_err e;
    if (kp_registry_load_paths(&reg, &path, 1, on_refused, NULL, &e) != 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 0;
    }
    size_t n = kp_registry_count(reg);
    kp_registry_free(reg);
    return n;
}

static char *sub(const char *rel)
{
    static char bufs[4][4096];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, 4096, "%s/%s", scratch, rel);
    return b;
}

/* Not what a plugin is: refused before the loader sees it. */
static void check_not_plugins(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/ok/script.so", scratch);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("#!/bin/sh\necho hi\n", f);
        fclose(f);
    }
    CHECK_INT_EQ(load(path), 0);
    CHECK_STR_CONTAINS(refusals, "not an ELF shared object");
    unlink(path);
    /* A FIFO would hang a plain open(); it must be refused, not waited on. */
    snprintf(path, sizeof path, "%s/ok/fifo.so", scratch);
    CHECK_INT_EQ(mkfifo(path, 0600), 0);
    CHECK_INT_EQ(load(path), 0);
    CHECK_STR_CONTAINS(refusals, "not a regular file");
    unlink(path);
}

/* Writable by a group: fine when the group is the owner's own, not otherwise. */
static void check_groups(const char *plugin)
{
    const char *own = place(plugin, "group_own/p.so");
    chmod(own, 0664);
    chmod(sub("group_own"), 0775);
    CHECK_INT_EQ(load(own), 1);
    CHECK_STR_EQ(refusals, "");
    if (geteuid() != 0) {
        fprintf(stderr, "not root: files of another group are not tried\n");
        return;
    }
    CHECK_INT_EQ(chown(own, 0, 65534), 0);
    CHECK_INT_EQ(load(own), 0);
    CHECK_STR_CONTAINS(refusals, "it is writable by group 65534, which is not its owner's");
    const char *in_group_dir = place(plugin, "group_dir/p.so");
    CHECK_INT_EQ(chown(sub("group_dir"), 0, 65534), 0);
    chmod(sub("group_dir"), 0775);
    CHECK_INT_EQ(load(in_group_dir), 0);
    CHECK_STR_CONTAINS(refusals, "group_dir is writable by group 65534");
}

static volatile int swapping;

/* Flip ok/swap.so between the two targets, atomically, until told to stop. */
static void *swapper(void *arg)
{
    const char *const *targets = arg;
    char link_path[4096], tmp[4096];
    snprintf(link_path, sizeof link_path, "%s/ok/swap.so", scratch);
    snprintf(tmp, sizeof tmp, "%s/ok/swap.tmp", scratch);
    for (unsigned i = 0; __atomic_load_n(&swapping, __ATOMIC_RELAXED); i++) {
        unlink(tmp);
        if (symlink(targets[i & 1], tmp) != 0 || rename(tmp, link_path) != 0)
            break;
    }
    return NULL;
}

/* The race that a check by name loses: the link points at the good plugin
 * when checked and at the refused one when loaded. */
static void check_swap_race(const char *plugin, const char *constructor)
{
    char mark[4096], link_path[4096];
    snprintf(mark, sizeof mark, "%s/constructor-ran", scratch);
    snprintf(link_path, sizeof link_path, "%s/ok/swap.so", scratch);
    setenv("KP_TEST_CONSTRUCTOR_MARK", mark, 1);
    unlink(mark);
    const char *targets[2] = {place(plugin, "race_good/p.so"),
                              place(constructor, "race_bad/c.so")};
    chmod(sub("race_bad"), 0777);
    CHECK_INT_EQ(symlink(targets[0], link_path), 0);
    pthread_t t;
    swapping = 1;
    CHECK_INT_EQ(pthread_create(&t, NULL, swapper, targets), 0);
    int loaded = 0, refused = 0;
    /* The loader keeps a library by the name it was loaded under, so each
     * try reaches the link by another name (ok/d17/swap.so, with ok/d17 a
     * link to ok), as every new kaoping process would meet it afresh. */
    char name[4096];
    for (int i = 0; i < 1000 && access(mark, F_OK) != 0; i++) {
        snprintf(name, sizeof name, "%s/ok/d%d", scratch, i);
        if (symlink(".", name) != 0)
            break;
        snprintf(name, sizeof name, "%s/ok/d%d/swap.so", scratch, i);
        if (load(name) == 1)
            loaded++;
        else if (strstr(refusals, "race_bad is writable by every user"))
            refused++;
    }
    __atomic_store_n(&swapping, 0, __ATOMIC_RELAXED);
    pthread_join(t, NULL);
    /* Both outcomes happened, so the race was run; the bad one never ran. */
    CHECK(loaded > 0);
    CHECK(refused > 0);
    CHECK(access(mark, F_OK) != 0);
    unsetenv("KP_TEST_CONSTRUCTOR_MARK");
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_plugin_perms PLUGIN.so CONSTRUCTOR.so SCRATCH\n");
        return 2;
    }
    const char *plugin = argv[1], *constructor = argv[2];
    snprintf(scratch, sizeof scratch, "%s/plugin_perms", argv[3]);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", scratch, scratch);
    if (system(cmd) != 0 || mkdir(scratch, 0755) != 0) {
        fprintf(stderr, "cannot make %s\n", scratch);
        return 1;
    }

    /* The user's own file in the user's own folder loads, file or folder given. */
    const char *ok = place(plugin, "ok/p.so");
    CHECK_INT_EQ(load(ok), 1);
    CHECK_STR_EQ(refusals, "");
    CHECK_INT_EQ(load(sub("ok")), 1);

    /* A file every user may write. */
    const char *open_file = place(plugin, "open_file/p.so");
    chmod(open_file, 0666);
    CHECK_INT_EQ(load(open_file), 0);
    CHECK_STR_CONTAINS(refusals, "writable by every user");

    /* A folder every user may write: the file could be replaced. */
    const char *in_open = place(plugin, "open_dir/p.so");
    chmod(sub("open_dir"), 0777);
    CHECK_INT_EQ(load(in_open), 0);
    CHECK_STR_CONTAINS(refusals, "its folder");
    CHECK_STR_CONTAINS(refusals, "open_dir is writable by every user");
    CHECK_INT_EQ(load(sub("open_dir")), 0);
    CHECK_STR_CONTAINS(refusals, "open_dir is writable by every user");

    /* ... or a folder further up: renaming `inner` swaps the plugin. */
    const char *deep = place(plugin, "open_parent/inner/p.so");
    chmod(sub("open_parent"), 0777);
    CHECK_INT_EQ(load(deep), 0);
    CHECK_STR_CONTAINS(refusals, "open_parent is writable by every user");

    /* A link is checked where it leads. */
    char link_path[4096];
    snprintf(link_path, sizeof link_path, "%s/ok/link.so", scratch);
    CHECK_INT_EQ(symlink(in_open, link_path), 0);
    CHECK_INT_EQ(load(link_path), 0);
    CHECK_STR_CONTAINS(refusals, "open_dir is writable by every user");
    unlink(link_path);

    /* A link that every user could replace, to a good plugin. */
    snprintf(link_path, sizeof link_path, "%s/open_dir/link.so", scratch);
    CHECK_INT_EQ(symlink(ok, link_path), 0);
    CHECK_INT_EQ(load(link_path), 0);
    CHECK_STR_CONTAINS(refusals, "open_dir is writable by every user");
    unlink(link_path);

    check_not_plugins();
    check_groups(plugin);
    check_swap_race(plugin, constructor);

    /* A bare file name is checked in the folder it is in. */
    char cwd[4096];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    CHECK_INT_EQ(chdir(sub("open_dir")), 0);
    CHECK_INT_EQ(load("p.so"), 0);
    CHECK_STR_CONTAINS(refusals, "open_dir is writable by every user");
    CHECK_INT_EQ(chdir(cwd), 0);

    /* A sticky world-writable folder (like /tmp): our file loads ... */
    const char *sticky = place(plugin, "sticky/p.so");
    chmod(sub("sticky"), 01777);
    CHECK_INT_EQ(load(sticky), 1);
    CHECK_STR_EQ(refusals, "");
    /* ... and a file another user put there does not. */
    if (geteuid() == 0) {
        CHECK_INT_EQ(chown(sticky, 65534, 65534), 0);
        CHECK_INT_EQ(load(sticky), 0);
        CHECK_STR_CONTAINS(refusals, "it belongs to another user (uid 65534)");
        CHECK_INT_EQ(load(sub("sticky")), 0);
        /* A folder another user owns: they could rename our file away. */
        const char *theirs = place(plugin, "their_dir/p.so");
        CHECK_INT_EQ(chown(sub("their_dir"), 65534, 65534), 0);
        CHECK_INT_EQ(load(theirs), 0);
        CHECK_STR_CONTAINS(refusals, "their_dir belongs to another user (uid 65534)");
    } else {
        fprintf(stderr, "not root: the files of another user are not tried\n");
    }

    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", scratch);
    return check_status();
}
