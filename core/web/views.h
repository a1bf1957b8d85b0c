/*
 * views.h — the data behind the county pages, shared by the HTML pages and
 * the JSON API so that both always show the same thing.
 */
#ifndef KP_WEB_VIEWS_H
#define KP_WEB_VIEWS_H

#include <jansson.h>

#include "web/http.h"

/* {unit, unit_name, year, deadline, tables, complete, owed_count}; NULL on failure (logged). */
json_t *kp_view_county(kp_req *r, const char *unit, const char *unit_name);
/* [{import_id, at, by, on_behalf, files: [{table, title, file, rows, added, replaced, unchanged}]}] */
json_t *kp_view_history(kp_req *r, const char *unit);

#endif
