/*
 * descriptor.c — copying a plugin's descriptor element by element (see
 * descriptor.h), so that a plugin built for an older minor ABI reads as if
 * built for this one, with the fields it lacks zero.
 */
#include "plugin/descriptor.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Far above any struct the ABI will grow to, but it stops a garbage size
 * from making the host read megabytes past a small array. */
#define KP_MAX_ELEMENT_SIZE 4096u
#define KP_MAX_TABLES 32
#define KP_MAX_COLUMNS 64
#define KP_MAX_INDICATORS 64

/* The first `have` bytes of `src` over a zero-filled `dst` of `want` bytes. */
static void copy_prefix(void *dst, size_t want, const void *src, size_t have)
{
    memset(dst, 0, want);
    memcpy(dst, src, have < want ? have : want);
}

static int element_size(uint32_t declared, size_t least, const char *what, char *why, size_t n)
{
    if (declared < least || declared > KP_MAX_ELEMENT_SIZE) {
        snprintf(why, n, "it declares %u bytes per %s, not between %zu and %u", declared, what,
                 least, KP_MAX_ELEMENT_SIZE);
        return -1;
    }
    return 0;
}

/* The element sizes the plugin was built with: declared from 1.1 on, known for 1.0. */
static int element_sizes(const struct kp_plugin *d, uint32_t declared_size, size_t sizes[3],
                         char *why, size_t n)
{
    if (declared_size < offsetof(struct kp_plugin, indicator_size) + sizeof(uint32_t)) {
        sizes[0] = KP_TABLE_SIZE_1_0;
        sizes[1] = KP_COLUMN_SIZE_1_0;
        sizes[2] = KP_INDICATOR_SIZE_1_0;
        return 0;
    }
    if (element_size(d->table_size, KP_TABLE_SIZE_1_0, "table", why, n) ||
        element_size(d->column_size, KP_COLUMN_SIZE_1_0, "column", why, n) ||
        element_size(d->indicator_size, KP_INDICATOR_SIZE_1_0, "indicator", why, n))
        return -1;
    sizes[0] = d->table_size;
    sizes[1] = d->column_size;
    sizes[2] = d->indicator_size;
    return 0;
}

static int copy_tables(struct kp_descriptor *out, const struct kp_plugin *src, size_t tsize,
                       size_t csize, char *why, size_t n)
{
    size_t nt = out->plugin.ntables, ncols = 0;
    out->tables = calloc(nt ? nt : 1, sizeof *out->tables);
    if (!out->tables)
        goto oom;
    for (size_t t = 0; t < nt; t++) {
        struct kp_table *tab = &out->tables[t];
        copy_prefix(tab, sizeof *tab, (const char *)src->tables + t * tsize, tsize);
        if (!tab->columns || tab->ncolumns == 0 || tab->ncolumns > KP_MAX_COLUMNS) {
            snprintf(why, n, "table %zu must have 1 to %d columns", t + 1, KP_MAX_COLUMNS);
            return -1;
        }
        ncols += tab->ncolumns;
    }
    out->columns = calloc(ncols ? ncols : 1, sizeof *out->columns);
    if (!out->columns)
        goto oom;
    struct kp_column *next = out->columns;
    for (size_t t = 0; t < nt; t++) {
        struct kp_table *tab = &out->tables[t];
        for (size_t c = 0; c < tab->ncolumns; c++)
            copy_prefix(&next[c], sizeof next[c], (const char *)tab->columns + c * csize, csize);
        tab->columns = next;
        next += tab->ncolumns;
    }
    return 0;
oom:
    snprintf(why, n, "out of memory");
    return -1;
}

static int copy_indicators(struct kp_descriptor *out, const struct kp_plugin *src, size_t isize,
                           char *why, size_t n)
{
    size_t ni = out->plugin.nindicators;
    out->indicators = calloc(ni ? ni : 1, sizeof *out->indicators);
    if (!out->indicators) {
        snprintf(why, n, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < ni; i++)
        copy_prefix(&out->indicators[i], sizeof out->indicators[i],
                    (const char *)src->indicators + i * isize, isize);
    return 0;
}

int kp_descriptor_copy(struct kp_descriptor *out, const struct kp_plugin *p, char *why, size_t n)
{
    memset(out, 0, sizeof *out);
    if (p->size < KP_PLUGIN_SIZE_1_0 || p->size > KP_MAX_ELEMENT_SIZE) {
        snprintf(why, n, "its descriptor is %u bytes, %s than ABI %u.%u allows", p->size,
                 p->size < KP_PLUGIN_SIZE_1_0 ? "smaller" : "larger", p->abi_major,
                 p->abi_minor);
        return -1;
    }
    struct kp_plugin *d = &out->plugin;
    copy_prefix(d, sizeof *d, p, p->size);
    size_t sizes[3];
    if (element_sizes(d, p->size, sizes, why, n))
        return -1;
    if ((d->ntables && !d->tables) || (d->nindicators && !d->indicators) ||
        d->ntables > KP_MAX_TABLES || d->nindicators > KP_MAX_INDICATORS) {
        snprintf(why, n, "bad table or indicator list");
        return -1;
    }
    if (copy_tables(out, p, sizes[0], sizes[1], why, n) ||
        copy_indicators(out, p, sizes[2], why, n)) {
        kp_descriptor_free(out);
        return -1;
    }
    d->tables = out->tables;
    d->indicators = out->indicators;
    /* The copy is in the host's layout now, whatever the plugin's was. */
    d->size = (uint32_t)sizeof *d;
    d->table_size = (uint32_t)sizeof(struct kp_table);
    d->column_size = (uint32_t)sizeof(struct kp_column);
    d->indicator_size = (uint32_t)sizeof(struct kp_indicator);
    return 0;
}

void kp_descriptor_free(struct kp_descriptor *d)
{
    free(d->tables);
    free(d->columns);
    free(d->indicators);
    d->tables = NULL;
    d->columns = NULL;
    d->indicators = NULL;
}
