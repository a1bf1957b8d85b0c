/* paths.c — where kaoping finds its own files (see paths.h). */
#include "util/paths.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kp_config.h"

int kp_running_from_build_tree(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    size_t root = strlen(KP_BUILD_ROOT);
    return !strncmp(exe, KP_BUILD_ROOT, root) && exe[root] == '/';
}

const char *kp_data_path(char *out, size_t size, const char *rel)
{
    snprintf(out, size, "%s/%s", kp_running_from_build_tree() ? KP_SOURCE_ROOT : KP_DATA_DIR,
             rel);
    return out;
}
