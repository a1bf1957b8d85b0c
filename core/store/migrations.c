/* migrations.c — the core schema steps (see migrations.h). */
#include "store/migrations.h"

const char *const kp_migrations[] = {
    /* 1: the unit tree, import provenance, the plugins a database has seen. */
    "CREATE TABLE kp_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "INSERT INTO kp_meta VALUES('application', 'kaoping');\n"
    "CREATE TABLE kp_imports(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  started TEXT NOT NULL,\n"
    "  files TEXT NOT NULL,\n"
    "  added INTEGER NOT NULL DEFAULT 0,\n"
    "  replaced INTEGER NOT NULL DEFAULT 0,\n"
    "  unchanged INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE units(\n"
    "  code TEXT PRIMARY KEY,\n"
    "  name TEXT NOT NULL,\n"
    "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),\n"
    "  parent TEXT,\n"
    "  county TEXT,\n"
    "  _import INTEGER NOT NULL,\n"
    "  _line INTEGER NOT NULL);\n"
    "CREATE INDEX units_parent ON units(parent);\n"
    "CREATE INDEX units_county ON units(county, level);\n"
    "CREATE TABLE kp_plugins(\n"
    "  id TEXT PRIMARY KEY,\n"
    "  version TEXT NOT NULL,\n"
    "  signature TEXT NOT NULL,\n"
    "  first_seen TEXT NOT NULL);\n",
};

const size_t kp_nmigrations = sizeof kp_migrations / sizeof kp_migrations[0];
