/*
 * descriptor.h — the host's own copy of a plugin's descriptor.
 *
 * A plugin may have been built against an older kaoping/plugin.h, whose
 * structs are shorter than the host's.  The host never indexes a plugin's
 * arrays with its own sizeof: it copies every element, stepping by the size
 * the plugin declares, into a zero-filled struct of its own.  Everything
 * after loading reads these copies only.
 */
#ifndef KP_PLUGIN_DESCRIPTOR_H
#define KP_PLUGIN_DESCRIPTOR_H

#include <stddef.h>

#include "kaoping/plugin.h"

/* Sizes at ABI 1.0: the least a plugin may declare for each struct. */
#define KP_PLUGIN_SIZE_1_0 (offsetof(struct kp_plugin, nindicators) + sizeof(size_t))
#define KP_TABLE_SIZE_1_0 (offsetof(struct kp_table, ncolumns) + sizeof(size_t))
#define KP_COLUMN_SIZE_1_0 (offsetof(struct kp_column, default_value) + sizeof(const char *))
#define KP_INDICATOR_SIZE_1_0 (offsetof(struct kp_indicator, compute) + sizeof(void (*)(void)))

struct kp_descriptor {
    struct kp_plugin plugin;         /* tables and indicators point below */
    struct kp_table *tables;
    struct kp_column *columns;       /* every table's, one after another  */
    struct kp_indicator *indicators;
};

/*
 * Copy `p` (whose ABI major and minor were accepted) into `out`.  Returns 0,
 * or -1 with the reason in `why` when a size or count is out of range.
 */
int kp_descriptor_copy(struct kp_descriptor *out, const struct kp_plugin *p, char *why, size_t n);
void kp_descriptor_free(struct kp_descriptor *d);

#endif
