/*
 * template.h — the page templates: a small mustache-like language whose
 * every substitution is HTML-escaped, so that a unit name or a file name
 * sent by a user can never become markup.
 *
 *   {{name}}          the value, escaped (a.b reaches into objects, . is the current value)
 *   {{#name}}..{{/name}}  an array: once per element; an object: once, inside it;
 *                     true, a non-empty string or a non-zero number: once
 *   {{^name}}..{{/name}}  once when the value is missing, false, empty or zero
 *   {{>name}}         another template of the same folder (name.html)
 *   {{! comment }}
 *
 * There is no unescaped form on purpose.  The data is a jansson object, the
 * same one the JSON side of the workspace sends.
 */
#ifndef KP_WEB_TEMPLATE_H
#define KP_WEB_TEMPLATE_H

#include <jansson.h>

#include "util/buf.h"
#include "util/err.h"

typedef struct kp_tpl_set kp_tpl_set;

/* Load every *.html of `dir` (parsed lazily: a broken template fails at render). */
int kp_tpl_open(kp_tpl_set **out, const char *dir, kp_err *e);
void kp_tpl_close(kp_tpl_set *t);

/* Render template `name` (without .html) with `data`, appending to `out`. */
int kp_tpl_render(const kp_tpl_set *t, const char *name, json_t *data, kp_buf *out, kp_err *e);

/* Render a template given as text (for tests); `t` may be NULL when it includes nothing. */
int kp_tpl_render_text(const kp_tpl_set *t, const char *name, const char *text, json_t *data,
                       kp_buf *out, kp_err *e);

/* Append `s` HTML-escaped. */
int kp_html_escape(kp_buf *out, const char *s, size_t n);

#endif
