/*
 * kaoping/plugin.h — the one header a work-area plugin includes.
 *
 * This is an ABI, not just an API.  A plugin is a shared object that exports one
 * function, kaoping_plugin(), returning a const descriptor.  The host checks the
 * descriptor's ABI major, minor and size before it touches anything else, and
 * refuses the file with a message naming it if they do not fit.
 *
 * The one rule for growth: a struct grows only at its end, and every struct the
 * host reads from a plugin comes with the size the plugin was built with.
 *   - KP_ABI_MAJOR changes only when an existing field or function changes meaning
 *     or place.  A plugin built for another major is refused.
 *   - KP_ABI_MINOR grows when fields are appended to a struct below, or functions
 *     appended to struct kp_host.  Nothing is ever inserted or reordered.  A plugin
 *     built for a newer minor than the host is refused; an older one is accepted.
 *   - The descriptor carries its own size and the element size of each array it
 *     points to (tables, columns, indicators).  The host copies every element
 *     into a zero-filled struct of its own, taking only the bytes the plugin's
 *     size covers, and steps through arrays by the plugin's element size: a
 *     field a plugin was built without reads as zero (NULL), which always means
 *     "not given".  A 1.0 descriptor has no element sizes; the host knows them.
 *   - The host hands a plugin its function table (struct kp_host) with its own
 *     size; a plugin calls a function only when that size covers it.
 *
 * Plugins are declarative: they describe their tables and indicators as data.
 * The host does all CSV parsing, validation, storing and schema migration from
 * those descriptions.  The only code a plugin runs is an indicator's compute
 * callback, and that code reaches the host only through the function table
 * (struct kp_host) passed to it — never through host symbols, which are not
 * exported: a plugin that links against them fails to load.
 */
#ifndef KAOPING_PLUGIN_H
#define KAOPING_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KP_ABI_MAJOR 1
#define KP_ABI_MINOR 1

/* The name of the one symbol a plugin exports. */
#define KP_PLUGIN_SYMBOL "kaoping_plugin"

/* ---- Tables ------------------------------------------------------------- */

/* Column types.  Each decides how a CSV field is parsed and how it is stored. */
enum kp_type {
    KP_TEXT = 1, /* UTF-8 text; an enumeration when `allowed` lists its values */
    KP_INT,      /* integer, non-negative unless KP_COL_SIGNED                  */
    KP_REAL,     /* decimal number, non-negative unless KP_COL_SIGNED           */
    KP_BOOL,     /* 1/0, 是/否, true/false, Y/N; stored as 1 or 0                */
    KP_DATE,     /* 2023-05-29, 2023/5/29, 2023.5.29, 2023年5月29日; stored ISO  */
    KP_YEAR,     /* a four-digit year, 1900..2999                               */
    KP_UNIT      /* a unit code from units.csv, of a level in `levels`          */
};

/* Unit levels, as bits so that a column can accept several. */
#define KP_LEVEL_CITY     0x1u
#define KP_LEVEL_COUNTY   0x2u
#define KP_LEVEL_TOWNSHIP 0x4u
#define KP_LEVEL_VILLAGE  0x8u
#define KP_LEVEL_ANY      0xFu

/* Column flags. */
#define KP_COL_KEY      0x1u /* part of the natural key; implies required       */
#define KP_COL_REQUIRED 0x2u /* an empty field is an error                      */
#define KP_COL_SIGNED   0x4u /* a number column that may be negative            */

struct kp_column {
    const char *id;              /* English id: CSV header and SQL column name  */
    const char *title;           /* Chinese title, accepted as header too       */
    int type;                    /* enum kp_type                                */
    unsigned flags;              /* KP_COL_*                                    */
    unsigned levels;             /* KP_UNIT only: accepted KP_LEVEL_* bits      */
    /* KP_TEXT only: the column is an enumeration of these values (a
     * NULL-terminated list).  A field holding anything else is refused at
     * import with the list; templates and forms offer the list.  NULL: free
     * text. */
    const char *const *allowed;
    const char *default_value;   /* stored when the field is empty, or NULL     */

    /* ABI 1.1.  Shown to the staff who fill in the column: in templates'
     * 填表说明, in import error hints, in forms.  NULL: nothing to say. */
    const char *description;     /* 说明: what goes in, in plain Chinese       */
    const char *example;         /* a realistic value, as a county would write it */
};

struct kp_sample_host;
struct kp_sample;

struct kp_table {
    const char *id;              /* SQL table name and CSV base name            */
    const char *title;           /* Chinese title                               */
    const struct kp_column *columns;
    size_t ncolumns;

    /* ABI 1.1.  Write this table's rows of one demo county (`kaoping demo`)
     * through h->emit().  Return 0, or non-zero after h->fail().  NULL: the
     * demo city writes only the table's header. */
    int (*sample_rows)(const struct kp_sample_host *h, struct kp_sample *s);
};

/* ---- Sample rows ---------------------------------------------------------- */

/* What kind of county the demo made this one: each kind misses the plan's
 * targets in its own way, so that an area can make the same kind of county
 * fall short in its own tables. */
enum kp_sample_profile {
    KP_SAMPLE_EXEMPLARY = 0, /* 示范: meets every target                     */
    KP_SAMPLE_GOOD,          /* 良好: a little short here and there          */
    KP_SAMPLE_AVERAGE,       /* 一般: misses several targets by a margin     */
    KP_SAMPLE_WEAK_OUTREACH, /* 宣传薄弱: does the work, little outreach     */
    KP_SAMPLE_MISSING_DATA,  /* 数据缺失: leaves some tables or figures out  */
    KP_SAMPLE_WEAK           /* 薄弱: misses most targets                    */
};

/*
 * The host's function table for sample_rows, for one table in one county.
 * Append-only, like struct kp_host.
 *
 * Units are numbered within the county: 0 is the county, then its townships
 * (level 3), then its villages (level 4) township by township.  The random
 * numbers come from a stream of the demo's seed, the county and the table's
 * id: the same options give the same rows whatever else is loaded.
 */
struct kp_sample_host {
    uint32_t abi_major;
    uint32_t abi_minor;
    uint32_t size;               /* sizeof(struct kp_sample_host) in the host   */

    int (*year)(struct kp_sample *s);          /* the assessed year            */
    double (*scale)(struct kp_sample *s);      /* `kaoping demo --scale`        */
    int (*profile)(struct kp_sample *s);       /* enum kp_sample_profile        */
    double (*diligence)(struct kp_sample *s);  /* 0 (neglects all) .. 1 (all)   */

    int (*units)(struct kp_sample *s);         /* how many; at least 1          */
    const char *(*unit_code)(struct kp_sample *s, int unit);
    const char *(*unit_name)(struct kp_sample *s, int unit);
    int (*unit_level)(struct kp_sample *s, int unit);   /* 2, 3 or 4            */
    int (*unit_parent)(struct kp_sample *s, int unit);  /* its number; -1: none */
    int (*unit_urban)(struct kp_sample *s, int unit);   /* a 街道 or a 社区     */

    uint32_t (*below)(struct kp_sample *s, uint32_t n); /* uniform in [0, n)    */
    int (*range)(struct kp_sample *s, int lo, int hi);   /* uniform in [lo, hi] */
    double (*uniform)(struct kp_sample *s);              /* uniform in [0, 1)   */
    int (*chance)(struct kp_sample *s, double p);        /* 1 with probability p */
    /* A plausible person's name, drawn from the same stream; valid until the
     * next call. */
    const char *(*person_name)(struct kp_sample *s);

    /* One row: the table's ncolumns fields in its column order, NULL or ""
     * for an empty one.  Dates are written 2023-05-29 and booleans 1 or 0; the
     * host spells them as the county's staff would.  Returns 0, or -1 when the
     * row could not be written (the callback returns non-zero then). */
    int (*emit)(struct kp_sample *s, const char *const *fields);

    /* Record an error (printf-style) and return -1. */
    int (*fail)(struct kp_sample *s, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 2, 3)))
#endif
        ;
};

/* ---- Indicators ---------------------------------------------------------- */

struct kp_eval;  /* one evaluation: an indicator, a county, a year (opaque)    */
struct kp_row;   /* one row of a query result, valid during the callback       */

/*
 * The host's function table, handed to every compute callback.  Append-only:
 * new functions go at the end and raise KP_ABI_MINOR.
 *
 * Queries run on a read-only connection; only SELECT is allowed.  These named
 * parameters are bound automatically when the SQL uses them:
 *   :county      the county's unit code      :year        the assessed year
 *   :year_start  'YYYY-01-01'                :year_end    'YYYY-12-31'
 *   :prev_year   year - 1
 * The core table `units(code, name, level, parent, county)` holds the unit
 * tree; `level` is 1 city, 2 county, 3 township, 4 village, and `county` is the
 * code of the unit's county (the county itself for a county, NULL for the city).
 */
struct kp_host {
    uint32_t abi_major;
    uint32_t abi_minor;
    uint32_t size;               /* sizeof(struct kp_host) in the host          */

    const char *(*county)(struct kp_eval *ev);
    int (*year)(struct kp_eval *ev);

    /* Run `sql`; call `row` for each result row until it returns non-zero.
     * Returns 0, or -1 with the error recorded on `ev` (the callback may simply
     * return -1 too).  `row` may be NULL. */
    int (*query)(struct kp_eval *ev, const char *sql,
                 int (*row)(void *ud, struct kp_row *r), void *ud);
    /* Run `sql` and read one number from its first row and column.  Sets
     * *is_null (if given) when there is no row or the value is NULL. */
    int (*query_number)(struct kp_eval *ev, const char *sql, double *out,
                        int *is_null);

    int (*row_columns)(struct kp_row *r);
    int (*row_is_null)(struct kp_row *r, int col);
    int64_t (*row_int)(struct kp_row *r, int col);
    double (*row_real)(struct kp_row *r, int col);
    const char *(*row_text)(struct kp_row *r, int col); /* never NULL */

    /* The result.  An indicator either sets a value or says there is no data.
     * Figures are the named numbers the value came from (numerator,
     * denominator, ...), shown in explanations.  Evidence items are what caused
     * a shortfall: a unit code (the host adds its name), a family id, a month. */
    void (*set_value)(struct kp_eval *ev, double value);
    void (*set_no_data)(struct kp_eval *ev, const char *why);
    void (*add_figure)(struct kp_eval *ev, const char *name, double value);
    void (*add_evidence)(struct kp_eval *ev, const char *key, const char *detail);

    /* Record an error (printf-style) and return -1, for `return host->fail(...)`. */
    int (*fail)(struct kp_eval *ev, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 2, 3)))
#endif
        ;
};

struct kp_indicator {
    const char *id;              /* unique in the plugin; rules say plugin.id   */
    const char *title;           /* Chinese title                               */
    const char *measure;         /* unit of the figure: "%", "场", "个", "月"   */
    const char *evidence_title;  /* what the evidence lists, e.g. "未开展培训的乡镇" */
    /* Compute the figure for host->county(ev) in host->year(ev).  Return 0, or
     * non-zero after host->fail(); a failed indicator is marked "not scored". */
    int (*compute)(const struct kp_host *host, struct kp_eval *ev);
};

/* ---- The descriptor ------------------------------------------------------ */

struct kp_plugin {
    uint32_t abi_major;          /* KP_ABI_MAJOR the plugin was built with      */
    uint32_t abi_minor;          /* KP_ABI_MINOR the plugin was built with      */
    uint32_t size;               /* sizeof(struct kp_plugin) as built           */
    const char *id;              /* lower-case identifier, e.g. "member_training" */
    const char *title;           /* Chinese title of the work area              */
    const char *version;         /* the plugin's own version, e.g. "1.0.0"      */
    const struct kp_table *tables;
    size_t ntables;
    const struct kp_indicator *indicators;
    size_t nindicators;

    /* ABI 1.1: the element size of each array, as built, so that the host
     * steps through them whatever it appends to their structs later. */
    uint32_t table_size;         /* sizeof(struct kp_table)                     */
    uint32_t column_size;        /* sizeof(struct kp_column)                    */
    uint32_t indicator_size;     /* sizeof(struct kp_indicator)                 */
};

/* Fill the ABI fields and element sizes; use as the first line of a descriptor. */
#define KP_PLUGIN_HEADER \
    .abi_major = KP_ABI_MAJOR, .abi_minor = KP_ABI_MINOR, \
    .size = (uint32_t)sizeof(struct kp_plugin), \
    .table_size = (uint32_t)sizeof(struct kp_table), \
    .column_size = (uint32_t)sizeof(struct kp_column), \
    .indicator_size = (uint32_t)sizeof(struct kp_indicator)

#define KP_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Plugins are built with hidden visibility; this exports the entry point. */
#if defined(__GNUC__)
#define KP_EXPORT __attribute__((visibility("default")))
#else
#define KP_EXPORT
#endif

/* The exported entry point.  It must return a pointer to static const data:
 *   KP_EXPORT const struct kp_plugin *kaoping_plugin(void) { return &plugin; } */
KP_EXPORT const struct kp_plugin *kaoping_plugin(void);

#ifdef __cplusplus
}
#endif

#endif /* KAOPING_PLUGIN_H */
