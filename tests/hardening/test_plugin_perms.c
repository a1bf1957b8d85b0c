/*
 * test_plugin_perms.c — plugins that someone else could have written are
 * refused with the reason, and the ones that are the user's own still load.
 *
 * A plugin is code that runs as the user, so a plugin file that every user
 * may write, that belongs to another user, or that sits below a folder that
 * every user may write (or that another user owns) is refused: whoever could
 * write it could run code as the user.  A sticky world-writable folder such
 * as /tmp lets others add files but not replace ours, so our file there loads
 * and theirs does not.  Links and relative paths are checked where they lead.
 *
 * argv: a plugin module (health_promotion.so), a scratch folder.
 */
#include <errno.h>
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

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_plugin_perms PLUGIN.so SCRATCH\n");
        return 2;
    }
    const char *plugin = argv[1];
    snprintf(scratch, sizeof scratch, "%s/plugin_perms", argv[2]);
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
