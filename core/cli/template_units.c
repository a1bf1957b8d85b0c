/*
 * template_units.c — the townships and villages of one county, read from
 * the store, for a county's pre-filled form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/template.h"

static int add_unit(struct form_units *u, size_t *cap, sqlite3_stmt *st, kp_err *e)
{
    if (u->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        struct form_unit *p = realloc(u->items, nc * sizeof *p);
        if (!p)
            return kp_fail(e, "out of memory");
        u->items = p;
        *cap = nc;
    }
    struct form_unit *x = &u->items[u->n++];
    snprintf(x->code, sizeof x->code, "%s", (const char *)sqlite3_column_text(st, 0));
    snprintf(x->name, sizeof x->name, "%s", (const char *)sqlite3_column_text(st, 1));
    x->level = sqlite3_column_int(st, 2);
    return 0;
}

int kp_template_load_units(kp_store *s, const char *county, struct form_units *u, char *name,
                           size_t name_size, kp_err *e)
{
    sqlite3 *db = kp_store_db(s);
    sqlite3_stmt *st;
    memset(u, 0, sizeof *u);
    if (sqlite3_prepare_v2(db, "SELECT code, name, level FROM units WHERE code = ?1 AND level = 2"
                               " UNION ALL SELECT code, name, level FROM"
                               " (SELECT * FROM units WHERE county = ?1 AND level > 2 ORDER BY code)",
                           -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, kp_store_path(s));
    sqlite3_bind_text(st, 1, county, -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (add_unit(u, &cap, st, e)) {
            sqlite3_finalize(st);
            return -1;
        }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return kp_sql_fail(e, db, kp_store_path(s));
    if (u->n == 0 || u->items[0].level != 2)
        return kp_fail(e, "%s: 不是数据库里登记的县级单位（先导入 units.csv）", county);
    snprintf(name, name_size, "%s", u->items[0].name);
    /* The county itself heads the list only to be found: the forms take its units. */
    memmove(u->items, u->items + 1, (u->n - 1) * sizeof *u->items);
    u->n--;
    return 0;
}
