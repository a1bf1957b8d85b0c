/*
 * template.h — what the CSV templates and the xlsx forms of `kaoping
 * template` share: the tables chosen, and the words that explain a column.
 */
#ifndef KP_CLI_TEMPLATE_H
#define KP_CLI_TEMPLATE_H

#include "kaoping/plugin.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"

struct chosen {
    const struct kp_table *table;
    const struct kp_plugin *owner; /* NULL for units */
};

/* How to write the column (填法), from its type. */
int kp_template_describe_column(kp_buf *b, const struct kp_table *t, const struct kp_column *c);
/* An example value, or NULL. */
const char *kp_template_example(const struct kp_table *t, const struct kp_column *c);
/* A table's section of 填表说明, lines ending in CRLF. */
int kp_template_describe_table(kp_buf *b, const struct chosen *ch);

/* A county's townships and villages, to pre-fill per-unit sheets. */
struct form_unit {
    char code[16];
    char name[96];
    int level;
};

struct form_units {
    struct form_unit *items;
    size_t n;
    int year; /* written into year columns of pre-filled rows */
};

/*
 * The townships and villages of county `county` (a code), in code order;
 * the county's name goes to `name`.  Free u->items.
 */
int kp_template_load_units(kp_store *s, const char *county, struct form_units *u, char *name,
                           size_t name_size, kp_err *e);

/*
 * Write one xlsx form holding a sheet per chosen table (named by its Chinese
 * title), then a 填表说明 sheet.  With `units`, tables with one row per unit
 * come with a row for each unit of a level they take.  `flags` as
 * util/outfile.h: 0 refuses to replace an existing file.
 */
int kp_template_write_xlsx(const char *path, const struct chosen *list, size_t n,
                           const struct form_units *units, unsigned flags, kp_err *e);

#endif
