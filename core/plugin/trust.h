/*
 * trust.h — deciding whether a plugin file may be loaded, on the file that
 * will actually be loaded.
 */
#ifndef KP_PLUGIN_TRUST_H
#define KP_PLUGIN_TRUST_H

#include <stddef.h>

/*
 * Open the plugin at `path` and check it: 0 with *fd an open descriptor of
 * the checked file (load it through /proc/self/fd/N, never by name again),
 * or -1 with the reason in `why`.  See trust.c for what is checked.
 */
int kp_plugin_open_trusted(const char *path, int *fd, char *why, size_t n);

#endif
