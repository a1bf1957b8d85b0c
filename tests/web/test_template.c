/*
 * test_template.c — the page template engine: everything substituted is
 * escaped, sections loop, test and nest, and a broken template is an error
 * rather than a half page.
 */
#include <stdlib.h>

#include "check.h"
#include "web/template.h"

static char *render(const char *text, const char *json)
{
    json_error_t je;
    json_t *data = json_loads(json, 0, &je);
    kp_buf out;
    kp_buf_init(&out, 0);
    kp_err e;
    int rc = data ? kp_tpl_render_text(NULL, "t", text, data, &out, &e) : -1;
    json_decref(data);
    if (rc) {
        kp_buf_free(&out);
        return NULL;
    }
    return out.data ? kp_buf_steal(&out) : calloc(1, 1);
}

static void expect(const char *text, const char *json, const char *want)
{
    char *got = render(text, json);
    CHECK_STR_EQ(got, want);
    free(got);
}

int main(void)
{
    expect("<p>{{name}}</p>", "{\"name\": \"<script>alert('1')&\\\"</script>\"}",
           "<p>&lt;script&gt;alert(&#39;1&#39;)&amp;&quot;&lt;/script&gt;</p>");
    expect("{{a.b.c}}", "{\"a\": {\"b\": {\"c\": \"深\"}}}", "深");
    expect("{{n}} {{r}} {{t}} {{f}} {{missing}}|", "{\"n\": 42, \"r\": 1.5, \"t\": true, \"f\": false}",
           "42 1.5 是  |");
    expect("{{#xs}}[{{.}}]{{/xs}}", "{\"xs\": [\"<a>\", \"b\"]}", "[&lt;a&gt;][b]");
    expect("{{#rows}}{{name}}@{{unit}};{{/rows}}", "{\"unit\": \"U\", \"rows\": [{\"name\": \"x\"}, {\"name\": \"y\", \"unit\": \"V\"}]}",
           "x@U;y@V;");
    expect("{{#ok}}yes{{/ok}}{{^ok}}no{{/ok}}", "{\"ok\": false}", "no");
    expect("{{#ok}}yes{{/ok}}{{^ok}}no{{/ok}}", "{\"ok\": 1}", "yes");
    expect("{{^xs}}none{{/xs}}", "{\"xs\": []}", "none");
    expect("{{#a}}{{#a}}in{{/a}}{{/a}}", "{\"a\": {\"a\": true}}", "in");
    expect("{{! a comment }}x", "{}", "x");
    CHECK(render("{{#open}}never closed", "{}") == NULL);
    CHECK(render("{{{raw}}}", "{\"raw\": \"<b>\"}") == NULL);
    CHECK(render("{{name", "{}") == NULL);
    CHECK(render("{{>nowhere}}", "{}") == NULL);
    return check_status();
}
