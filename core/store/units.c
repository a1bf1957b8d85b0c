/* units.c — reading and settling the unit tree (see units.h). */
#include "store/units.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "kaoping/plugin.h"
#include "store/store.h"

static const struct {
    const char *spelling;
    int level;
} level_names[] = {
    {"city", KP_CITY},         {"市", KP_CITY},
    {"county", KP_COUNTY},     {"县", KP_COUNTY},     {"县市区", KP_COUNTY},
    {"district", KP_COUNTY},   {"区", KP_COUNTY},
    {"township", KP_TOWNSHIP}, {"乡", KP_TOWNSHIP},   {"乡镇", KP_TOWNSHIP},
    {"镇", KP_TOWNSHIP},       {"街道", KP_TOWNSHIP}, {"乡镇街道", KP_TOWNSHIP},
    {"village", KP_VILLAGE},   {"村", KP_VILLAGE},    {"社区", KP_VILLAGE},
    {"村社区", KP_VILLAGE},
};

int kp_level_parse(const char *s)
{
    for (size_t i = 0; i < sizeof level_names / sizeof level_names[0]; i++)
        if (!strcasecmp(s, level_names[i].spelling))
            return level_names[i].level;
    return 0;
}

const char *kp_level_name(int level)
{
    static const char *const names[] = {"?", "市", "县", "乡", "村"};
    return level >= 1 && level <= 4 ? names[level] : names[0];
}

unsigned kp_level_bit(int level)
{
    return level >= 1 && level <= 4 ? 1u << (level - 1) : 0;
}

static int each_unit(sqlite3 *db, const char *sql, const char *code, unsigned levels,
                     kp_unit_fn fn, void *ud, kp_err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return kp_sql_fail(e, db, "reading units");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int(st, 2, (int)levels);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (fn(ud, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
               sqlite3_column_int(st, 2)))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        kp_sql_fail(e, db, "reading units");
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_finalize(st);
    return 0;
}

int kp_units_children(sqlite3 *db, const char *code, kp_unit_fn fn, void *ud, kp_err *e)
{
    return each_unit(db, "SELECT code, name, level FROM units WHERE parent = ?1 ORDER BY code",
                     code, 0, fn, ud, e);
}

int kp_units_under(sqlite3 *db, const char *code, unsigned levels, kp_unit_fn fn, void *ud,
                   kp_err *e)
{
    /* The county column answers the common case with one index range; the
     * recursive walk serves the city and townships. */
    return each_unit(db,
                     "WITH RECURSIVE below(code) AS ("
                     "  SELECT code FROM units WHERE parent = ?1"
                     "  UNION ALL SELECT u.code FROM units u JOIN below b ON u.parent = b.code)"
                     "SELECT u.code, u.name, u.level FROM below b JOIN units u USING (code)"
                     " WHERE (1 << (u.level - 1)) & ?2 ORDER BY u.code",
                     code, levels, fn, ud, e);
}

int kp_units_grassroots(sqlite3 *db, const char *code, kp_unit_fn fn, void *ud, kp_err *e)
{
    return kp_units_under(db, code, KP_LEVEL_TOWNSHIP | KP_LEVEL_VILLAGE, fn, ud, e);
}

int kp_units_settle(sqlite3 *db, long import_id, kp_unit_problem_fn report, void *ud, kp_err *e)
{
    /* Problems are looked for among the rows this import wrote, and among
     * rows whose parent this import changed under them. */
    static const char *const checks[][2] = {
        {"parent",
         "SELECT u._line, 'parent ' || quote(u.parent) || ' is not a unit code in units.csv'"
         " FROM units u WHERE u._import = ?1 AND u.parent IS NOT NULL"
         " AND NOT EXISTS (SELECT 1 FROM units p WHERE p.code = u.parent) ORDER BY u._line"},
        {"parent",
         "SELECT u._line, 'parent ' || p.code || ' (' || p.name || ') is not one level above'"
         " || ' this unit'"
         " FROM units u JOIN units p ON p.code = u.parent"
         " WHERE u._import = ?1 AND p.level <> u.level - 1 ORDER BY u._line"},
        {"parent",
         "SELECT u._line, 'a unit below the city needs a parent'"
         " FROM units u WHERE u._import = ?1 AND u.level > 1 AND u.parent IS NULL ORDER BY u._line"},
        {"parent",
         "SELECT u._line, 'the city has no parent; leave the column empty'"
         " FROM units u WHERE u._import = ?1 AND u.level = 1 AND u.parent IS NOT NULL"
         " ORDER BY u._line"},
        {"level",
         "SELECT max(_line), 'there is more than one city in units.csv'"
         " FROM units WHERE level = 1 HAVING count(*) > 1"},
    };
    int problems = 0;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, checks[i][1], -1, &st, NULL) != SQLITE_OK)
            return kp_sql_fail(e, db, "checking the unit tree");
        if (sqlite3_bind_parameter_count(st) >= 1)
            sqlite3_bind_int64(st, 1, import_id);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            problems++;
            report(ud, (long)sqlite3_column_int64(st, 0), checks[i][0],
                   (const char *)sqlite3_column_text(st, 1));
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return kp_sql_fail(e, db, "checking the unit tree");
    }
    if (problems)
        return problems;
    if (kp_sql_exec(db,
                 "UPDATE units SET county = CASE level"
                 "  WHEN 1 THEN NULL WHEN 2 THEN code WHEN 3 THEN parent"
                 "  ELSE (SELECT p.parent FROM units p WHERE p.code = units.parent) END"
                 " WHERE county IS NOT (CASE level"
                 "  WHEN 1 THEN NULL WHEN 2 THEN code WHEN 3 THEN parent"
                 "  ELSE (SELECT p.parent FROM units p WHERE p.code = units.parent) END)",
                 "settling the unit tree", e))
        return -1;
    return 0;
}
