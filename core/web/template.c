/*
 * template.c — the template engine (see template.h).  Templates are small
 * and rendered from memory; sections are found by scanning for their
 * matching close tag, so there is no separate parse tree to keep in step.
 */
#include "web/template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/dirlist.h"

#define MAX_DEPTH 24
#define MAX_TEMPLATES 64
#define MAX_TEMPLATE_BYTES (256 * 1024)

struct tpl {
    char *name;
    char *text;
};

struct kp_tpl_set {
    struct tpl items[MAX_TEMPLATES];
    size_t n;
};

struct render {
    const kp_tpl_set *set;
    const char *name;
    json_t *stack[MAX_DEPTH];
    int depth;
    kp_buf *out;
    kp_err *e;
};

int kp_html_escape(kp_buf *out, const char *s, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        switch (s[i]) {
        case '&': rc = kp_buf_puts(out, "&amp;"); break;
        case '<': rc = kp_buf_puts(out, "&lt;"); break;
        case '>': rc = kp_buf_puts(out, "&gt;"); break;
        case '"': rc = kp_buf_puts(out, "&quot;"); break;
        case '\'': rc = kp_buf_puts(out, "&#39;"); break;
        default: rc = kp_buf_putc(out, s[i]);
        }
    }
    return rc;
}

static char *read_text(const char *path, kp_err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        kp_fail_errno(e, "%s", path);
        return NULL;
    }
    char *text = malloc(MAX_TEMPLATE_BYTES + 1);
    size_t n = text ? fread(text, 1, MAX_TEMPLATE_BYTES + 1, f) : 0;
    int bad = ferror(f) || n > MAX_TEMPLATE_BYTES;
    fclose(f);
    if (!text || bad) {
        free(text);
        kp_fail(e, "%s: %s", path, text ? "unreadable or larger than 256 KiB" : "out of memory");
        return NULL;
    }
    text[n] = '\0';
    return text;
}

static int add_template(kp_tpl_set *t, const char *dir, const char *file, kp_err *e)
{
    if (t->n == MAX_TEMPLATES)
        return kp_fail(e, "%s: more than %d templates", dir, MAX_TEMPLATES);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    struct tpl *p = &t->items[t->n];
    p->name = strndup(file, strlen(file) - 5); /* without .html */
    p->text = p->name ? read_text(path, e) : NULL;
    if (!p->name || !p->text) {
        free(p->name);
        return p->name ? -1 : kp_fail(e, "out of memory");
    }
    t->n++;
    return 0;
}

int kp_tpl_open(kp_tpl_set **out, const char *dir, kp_err *e)
{
    kp_tpl_set *t = calloc(1, sizeof *t);
    if (!t)
        return kp_fail(e, "out of memory");
    kp_dirlist l;
    if (kp_dirlist_read(&l, dir, ".html", e)) {
        free(t);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < l.n && rc == 0; i++)
        rc = add_template(t, dir, l.names[i], e);
    kp_dirlist_free(&l);
    if (rc) {
        kp_tpl_close(t);
        return -1;
    }
    *out = t;
    return 0;
}

void kp_tpl_close(kp_tpl_set *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->items[i].name);
        free(t->items[i].text);
    }
    free(t);
}

static const char *find_text(const kp_tpl_set *t, const char *name)
{
    for (size_t i = 0; t && i < t->n; i++)
        if (!strcmp(t->items[i].name, name))
            return t->items[i].text;
    return NULL;
}

/* Look a dotted name up from the innermost context outwards, as mustache does. */
static json_t *lookup(struct render *r, const char *name, size_t n)
{
    if (n == 1 && name[0] == '.')
        return r->stack[r->depth - 1];
    const char *dot = memchr(name, '.', n);
    size_t first = dot ? (size_t)(dot - name) : n;
    char key[128];
    if (first >= sizeof key)
        return NULL;
    memcpy(key, name, first);
    key[first] = '\0';
    json_t *v = NULL;
    for (int i = r->depth - 1; i >= 0 && !v; i--)
        if (json_is_object(r->stack[i]))
            v = json_object_get(r->stack[i], key);
    while (v && dot) {
        const char *rest = dot + 1;
        size_t left = n - (size_t)(rest - name);
        dot = memchr(rest, '.', left);
        size_t len = dot ? (size_t)(dot - rest) : left;
        if (len >= sizeof key)
            return NULL;
        memcpy(key, rest, len);
        key[len] = '\0';
        v = json_is_object(v) ? json_object_get(v, key) : NULL;
    }
    return v;
}

static int truthy(json_t *v)
{
    if (!v || json_is_null(v) || json_is_false(v))
        return 0;
    if (json_is_string(v))
        return json_string_length(v) > 0;
    if (json_is_integer(v))
        return json_integer_value(v) != 0;
    if (json_is_real(v))
        return json_real_value(v) != 0;
    if (json_is_array(v))
        return json_array_size(v) > 0;
    return 1;
}

static int put_value(struct render *r, json_t *v)
{
    char num[64];
    if (json_is_string(v))
        return kp_html_escape(r->out, json_string_value(v), json_string_length(v));
    if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        return kp_buf_puts(r->out, num);
    }
    if (json_is_real(v)) {
        snprintf(num, sizeof num, "%g", json_real_value(v));
        return kp_buf_puts(r->out, num);
    }
    if (json_is_true(v))
        return kp_buf_puts(r->out, "是");
    return 0; /* missing, null, false, objects and arrays print nothing */
}

static int render_span(struct render *r, const char *p, const char *end);

/* The end of section `name` opened just before p: where its close tag starts. */
static const char *section_end(const char *p, const char *end, const char *name, size_t n,
                               const char **after)
{
    int level = 1;
    while (p < end) {
        const char *open = strstr(p, "{{");
        if (!open || open >= end)
            return NULL;
        const char *close = strstr(open, "}}");
        if (!close || close >= end)
            return NULL;
        const char *tag = open + 2;
        size_t len = (size_t)(close - tag);
        if (len == n + 1 && !memcmp(tag + 1, name, n)) {
            if (tag[0] == '#' || tag[0] == '^')
                level++;
            else if (tag[0] == '/' && --level == 0) {
                *after = close + 2;
                return open;
            }
        }
        p = close + 2;
    }
    return NULL;
}

static int push_render(struct render *r, json_t *ctx, const char *p, const char *end)
{
    if (r->depth == MAX_DEPTH)
        return kp_fail(r->e, "%s: sections nested too deeply", r->name);
    r->stack[r->depth++] = ctx;
    int rc = render_span(r, p, end);
    r->depth--;
    return rc;
}

static int render_section(struct render *r, char kind, json_t *v, const char *p, const char *end)
{
    if (kind == '^')
        return truthy(v) ? 0 : render_span(r, p, end);
    if (!truthy(v))
        return 0;
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
            if (push_render(r, item, p, end))
                return -1;
        return 0;
    }
    return json_is_object(v) ? push_render(r, v, p, end) : render_span(r, p, end);
}

static int render_partial(struct render *r, const char *name, size_t n)
{
    char key[128];
    if (n >= sizeof key)
        return kp_fail(r->e, "%s: partial name too long", r->name);
    memcpy(key, name, n);
    key[n] = '\0';
    const char *text = find_text(r->set, key);
    if (!text)
        return kp_fail(r->e, "%s: no template \"%s\"", r->name, key);
    return render_span(r, text, text + strlen(text));
}

/* One tag at `tag` (len bytes, without braces); *p moves past what it used. */
static int render_tag(struct render *r, const char *tag, size_t len, const char **p,
                      const char *end)
{
    while (len && tag[0] == ' ')
        tag++, len--;
    while (len && tag[len - 1] == ' ')
        len--;
    if (len == 0)
        return kp_fail(r->e, "%s: an empty tag {{}}", r->name);
    char kind = tag[0];
    if (kind == '!')
        return 0;
    if (kind == '>')
        return render_partial(r, tag + 1, len - 1);
    if (kind == '#' || kind == '^') {
        const char *after;
        const char *close = section_end(*p, end, tag + 1, len - 1, &after);
        if (!close)
            return kp_fail(r->e, "%s: section {{%.*s}} is not closed", r->name, (int)len, tag);
        int rc = render_section(r, kind, lookup(r, tag + 1, len - 1), *p, close);
        *p = after;
        return rc;
    }
    if (kind == '/' || kind == '{' || kind == '&')
        return kp_fail(r->e, "%s: unexpected tag {{%.*s}}", r->name, (int)len, tag);
    return put_value(r, lookup(r, tag, len)) ? kp_fail(r->e, "out of memory") : 0;
}

static int render_span(struct render *r, const char *p, const char *end)
{
    while (p < end) {
        const char *open = strstr(p, "{{");
        if (!open || open >= end)
            return kp_buf_append(r->out, p, (size_t)(end - p)) ? kp_fail(r->e, "out of memory") : 0;
        if (kp_buf_append(r->out, p, (size_t)(open - p)))
            return kp_fail(r->e, "out of memory");
        const char *close = strstr(open + 2, "}}");
        if (!close || close >= end)
            return kp_fail(r->e, "%s: a tag is not closed with }}", r->name);
        p = close + 2;
        if (render_tag(r, open + 2, (size_t)(close - open - 2), &p, end))
            return -1;
    }
    return 0;
}

int kp_tpl_render_text(const kp_tpl_set *t, const char *name, const char *text, json_t *data,
                       kp_buf *out, kp_err *e)
{
    struct render r = {.set = t, .name = name, .out = out, .e = e};
    r.stack[r.depth++] = data;
    if (render_span(&r, text, text + strlen(text)))
        return -1;
    return 0;
}

int kp_tpl_render(const kp_tpl_set *t, const char *name, json_t *data, kp_buf *out, kp_err *e)
{
    const char *text = find_text(t, name);
    if (!text)
        return kp_fail(e, "no page template \"%s\"", name);
    return kp_tpl_render_text(t, name, text, data, out, e);
}
