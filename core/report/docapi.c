/*
 * docapi.c — the `doc` object of report layouts (see docapi.h).
 *
 * Every method checks its arguments completely before it changes the
 * document, and raises a Lua error that says which method and what was
 * expected.  A Lua error unwinds the C stack, so nothing allocated here may
 * be held only by a C pointer across a call that can raise: a chart being
 * built lives in a userdata with a __gc until the document takes it, and
 * arrays of cells are userdata too.
 *
 * The arguments come from layouts, which are not trusted, so the methods
 * read them without metamethods (lua_rawget*, lua_rawlen) and run no Lua
 * code at all: an __index or __len could otherwise change a table after it
 * was checked (a row replaced by a number) or drop the last reference to a
 * string C still points to.  Every text C keeps is anchored in a `keep`
 * table on the stack until the method returns.
 */
#include "report/docapi.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/layout_file.h"
#include "script/balance.h"

#define DOC_META "kaoping.doc"
#define CHART_META "kaoping.chart_holder"

/* Largest image file a layout may embed. */
#define IMAGE_MAX_BYTES ((size_t)32 << 20)

static kp_docapi *check_doc(lua_State *L)
{
    kp_docapi **p = luaL_checkudata(L, 1, DOC_META);
    if (!*p || !(*p)->doc)
        luaL_error(L, "the document is closed: use doc only inside render()");
    return *p;
}

/* Raise the kp_err as a Lua error, prefixed with the method's name. */
static int fail(lua_State *L, const char *method, const kp_err *e)
{
    return luaL_error(L, "doc:%s: %s", method, e->msg);
}

/* A table that keeps the texts C points to alive until the method returns;
 * its index. */
static int push_keep(lua_State *L)
{
    lua_newtable(L);
    return lua_gettop(L);
}

/* t[key] without metamethods; pushes it and returns its type. */
static int raw_field(lua_State *L, int idx, const char *key)
{
    idx = lua_absindex(L, idx);
    lua_pushstring(L, key);
    return lua_rawget(L, idx);
}

/* The text of the string or number at the top of the stack, converted in
 * place.  Text with a NUL in it is refused: C would silently cut it there. */
static const char *top_text(lua_State *L, const char *method, const char *what)
{
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    if (strlen(s) != len)
        luaL_error(L, "doc:%s: %s contains a NUL character (\\0)", method, what);
    return s;
}

/* Convert the value at the top of the stack to text in place (numbers as Lua
 * prints them); nil is ""; anything else is an error. */
static const char *cell_text(lua_State *L, const char *method, const char *what)
{
    int t = lua_type(L, -1);
    if (t == LUA_TSTRING)
        return top_text(L, method, what);
    if (t == LUA_TNUMBER) {
        if (lua_isinteger(L, -1))
            lua_pushfstring(L, "%I", (LUAI_UACINT)lua_tointeger(L, -1));
        else
            lua_pushfstring(L, "%f", lua_tonumber(L, -1));
        lua_replace(L, -2);
        return lua_tostring(L, -1);
    }
    if (t == LUA_TNIL)
        return "";
    luaL_error(L, "doc:%s: %s must be a string or a number, not %s", method, what,
               lua_typename(L, t));
    return NULL;
}

/* Convert the value on top of the stack to text and move it into the table
 * at `keep`, which keeps the string alive (and the pointer valid) while C
 * holds it. */
static const char *kept_text(lua_State *L, int keep, const char *method, const char *what)
{
    const char *s = cell_text(L, method, what);
    lua_rawseti(L, keep, (lua_Integer)lua_rawlen(L, keep) + 1);
    return s;
}

/* A string field of the table at `idx`, or `def` when absent; anchored in
 * `keep`. */
static const char *opt_field_string(lua_State *L, int idx, const char *field, const char *def,
                                    const char *method, int keep)
{
    KP_LUA_BALANCED(L);
    int t = raw_field(L, idx, field);
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return def;
    }
    if (t != LUA_TSTRING && t != LUA_TNUMBER)
        luaL_error(L, "doc:%s: field '%s' must be a string, not %s", method, field,
                   lua_typename(L, t));
    const char *s = kept_text(L, keep, method, field);
    KP_LUA_BALANCE_IS(L, 0);
    return s;
}

static double opt_field_number(lua_State *L, int idx, const char *field, double def,
                               const char *method)
{
    KP_LUA_BALANCED(L);
    int t = raw_field(L, idx, field);
    double v = def;
    if (t == LUA_TNUMBER)
        v = lua_tonumber(L, -1);
    else if (t != LUA_TNIL)
        luaL_error(L, "doc:%s: field '%s' must be a number, not %s", method, field,
                   lua_typename(L, t));
    lua_pop(L, 1);
    KP_LUA_BALANCE_IS(L, 0);
    if (!isfinite(v))
        luaL_error(L, "doc:%s: field '%s' must be a finite number", method, field);
    return v;
}

/* A whole number in lo..hi: checked before it is cast, so that 2^32 + 3 is
 * not taken for 3. */
static int opt_field_int(lua_State *L, int idx, const char *field, int def, int lo, int hi,
                         const char *method)
{
    KP_LUA_BALANCED(L);
    int t = raw_field(L, idx, field);
    lua_Integer v = def;
    if (t == LUA_TNUMBER && !lua_isinteger(L, -1)) {
        double d = lua_tonumber(L, -1);
        if (!(d >= lo && d <= hi && d == floor(d)))
            luaL_error(L, "doc:%s: field '%s' must be a whole number from %d to %d", method,
                       field, lo, hi);
        v = (lua_Integer)d;
    } else if (t == LUA_TNUMBER) {
        v = lua_tointeger(L, -1);
    } else if (t != LUA_TNIL) {
        luaL_error(L, "doc:%s: field '%s' must be a number, not %s", method, field,
                   lua_typename(L, t));
    }
    lua_pop(L, 1);
    KP_LUA_BALANCE_IS(L, 0);
    if (v < lo || v > hi)
        luaL_error(L, "doc:%s: field '%s' must be a whole number from %d to %d", method, field,
                   lo, hi);
    return (int)v;
}

static int opt_field_bool(lua_State *L, int idx, const char *field, int def)
{
    int t = raw_field(L, idx, field);
    int v = t == LUA_TNIL ? def : lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* ---- simple blocks -------------------------------------------------------- */

static int m_info(lua_State *L)
{
    kp_docapi *api = check_doc(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    int keep = push_keep(L);
    static const struct {
        const char *field;
        enum kp_doc_info what;
    } fields[] = {{"title", KP_INFO_TITLE},
                  {"author", KP_INFO_AUTHOR},
                  {"subject", KP_INFO_SUBJECT},
                  {"keywords", KP_INFO_KEYWORDS},
                  {"unit", KP_INFO_UNIT}};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = opt_field_string(L, 2, fields[i].field, NULL, "info", keep);
        kp_err e;
        if (v && kp_doc_set_info(api->doc, fields[i].what, v, &e))
            return fail(L, "info", &e);
    }
    return 0;
}

static void read_margins(lua_State *L, kp_style *st)
{
    int t = raw_field(L, 2, "margins");
    if (t == LUA_TTABLE) {
        double *m[4] = {&st->margin_top, &st->margin_right, &st->margin_bottom, &st->margin_left};
        for (int i = 0; i < 4; i++) {
            if (lua_rawgeti(L, -1, i + 1) != LUA_TNUMBER)
                luaL_error(L, "doc:style: margins must be {top, right, bottom, left} in points");
            *m[i] = lua_tonumber(L, -1);
            lua_pop(L, 1);
            if (!(*m[i] >= 0 && *m[i] <= 200))
                luaL_error(L, "doc:style: a margin must be 0 to 200 points");
        }
    } else if (t != LUA_TNIL) {
        luaL_error(L, "doc:style: margins must be a table {top, right, bottom, left}");
    }
    lua_pop(L, 1);
}

static int m_style(lua_State *L)
{
    kp_docapi *api = check_doc(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    KP_LUA_BALANCED(L);
    kp_style st = api->doc->style;
    read_margins(L, &st);
    st.body_size = opt_field_number(L, 2, "body_size", st.body_size, "style");
    st.table_size = opt_field_number(L, 2, "table_size", st.table_size, "style");
    st.title_size = opt_field_number(L, 2, "title_size", st.title_size, "style");
    st.line_spacing = opt_field_number(L, 2, "line_spacing", st.line_spacing, "style");
    st.toc_depth = opt_field_int(L, 2, "toc_depth", st.toc_depth, 1, KP_DOC_HEADING_LEVELS,
                                 "style");
    st.number_headings = opt_field_bool(L, 2, "number_headings", st.number_headings);
    if (raw_field(L, 2, "heading_sizes") == LUA_TTABLE) {
        for (int i = 0; i < KP_DOC_HEADING_LEVELS; i++) {
            if (lua_rawgeti(L, -1, i + 1) == LUA_TNUMBER)
                st.heading_size[i] = lua_tonumber(L, -1);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    KP_LUA_BALANCE_IS(L, 0);
    double sizes[] = {st.body_size, st.table_size, st.title_size, st.heading_size[0],
                      st.heading_size[1], st.heading_size[2], st.heading_size[3]};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (!(sizes[i] >= 5 && sizes[i] <= 72))
            return luaL_error(L, "doc:style: font sizes must be 5 to 72 points");
    if (!(st.line_spacing >= 1 && st.line_spacing <= 3))
        return luaL_error(L, "doc:style: line_spacing must be 1 to 3");
    api->doc->style = st;
    return 0;
}

static int m_cover(lua_State *L)
{
    kp_docapi *api = check_doc(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    int keep = push_keep(L);
    const char *title = opt_field_string(L, 2, "title", NULL, "cover", keep);
    const char *subtitle = opt_field_string(L, 2, "subtitle", NULL, "cover", keep);
    if (!title)
        return luaL_error(L, "doc:cover: a title is required");
    size_t n = 0;
    const char **lines = NULL;
    int t = raw_field(L, 2, "lines");
    if (t == LUA_TTABLE) {
        int given = lua_gettop(L);
        n = lua_rawlen(L, given);
        if (n > 32)
            return luaL_error(L, "doc:cover: at most 32 lines");
        lines = lua_newuserdatauv(L, (n ? n : 1) * sizeof *lines, 0);
        for (size_t i = 0; i < n; i++) {
            lua_rawgeti(L, given, (lua_Integer)i + 1);
            lines[i] = kept_text(L, keep, "cover", "a line");
        }
    } else if (t != LUA_TNIL) {
        return luaL_error(L, "doc:cover: lines must be a list of texts, not %s",
                          lua_typename(L, t));
    }
    kp_err e;
    if (kp_doc_cover(api->doc, title, subtitle, lines, n, &e))
        return fail(L, "cover", &e);
    return 0;
}

static int m_toc(lua_State *L)
{
    kp_err e;
    if (kp_doc_toc(check_doc(L)->doc, &e))
        return fail(L, "toc", &e);
    return 0;
}

static int m_page_break(lua_State *L)
{
    kp_err e;
    if (kp_doc_page_break(check_doc(L)->doc, &e))
        return fail(L, "page_break", &e);
    return 0;
}

static int m_section(lua_State *L)
{
    kp_docapi *api = check_doc(L);
    static const char *const names[] = {"portrait", "landscape", NULL};
    int o = luaL_checkoption(L, 2, "portrait", names);
    kp_err e;
    if (kp_doc_section(api->doc, o ? KP_LANDSCAPE : KP_PORTRAIT, &e))
        return fail(L, "section", &e);
    return 0;
}

/* Argument `arg` as text (numbers converted in their stack slot, which keeps
 * them alive for the call). */
static const char *arg_text(lua_State *L, int arg, const char *method)
{
    size_t len;
    const char *s = luaL_checklstring(L, arg, &len);
    if (strlen(s) != len)
        luaL_error(L, "doc:%s: the text contains a NUL character (\\0)", method);
    return s;
}

static int m_heading(lua_State *L)
{
    kp_docapi *api = check_doc(L);
    lua_Integer level = luaL_checkinteger(L, 2);
    const char *text = arg_text(L, 3, "heading");
    if (level < 1 || level > KP_DOC_HEADING_LEVELS)
        return luaL_error(L, "doc:heading: level must be 1 to %d", KP_DOC_HEADING_LEVELS);
    kp_err e;
    if (kp_doc_heading(api->doc, (int)level, text, &e))
        return fail(L, "heading", &e);
    return 0;
}

static unsigned paragraph_flags(lua_State *L, int keep)
{
    unsigned flags = 0;
    if (opt_field_bool(L, 3, "bold", 0))
        flags |= KP_PARA_BOLD;
    if (!opt_field_bool(L, 3, "indent", 1))
        flags |= KP_PARA_NOINDENT;
    if (opt_field_bool(L, 3, "small", 0))
        flags |= KP_PARA_SMALL;
    const char *align = opt_field_string(L, 3, "align", "left", "paragraph", keep);
    if (!strcmp(align, "center"))
        flags |= KP_PARA_CENTER | KP_PARA_NOINDENT;
    else if (!strcmp(align, "right"))
        flags |= KP_PARA_RIGHT | KP_PARA_NOINDENT;
    else if (strcmp(align, "left"))
        luaL_error(L, "doc:paragraph: align must be \"left\", \"center\" or \"right\"");
    return flags;
}

static int m_paragraph(lua_State *L)
{
    kp_docapi *api = check_doc(L);
    const char *text = arg_text(L, 2, "paragraph");
    unsigned flags = 0;
    lua_settop(L, 3);
    if (!lua_isnil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        flags = paragraph_flags(L, push_keep(L));
    }
    kp_err e;
    if (kp_doc_paragraph(api->doc, text, flags, &e))
        return fail(L, "paragraph", &e);
    return 0;
}

static int m_kv(lua_State *L)
{
    kp_docapi *api = check_doc(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    size_t n = lua_rawlen(L, 2);
    if (n == 0 || n > 10000)
        return luaL_error(L, "doc:kv: give 1 to 10000 pairs such as {{\"单位\", \"江北区\"}}");
    luaL_checkstack(L, 4, "doc:kv");
    const char **keys = lua_newuserdatauv(L, n * sizeof *keys, 0);
    const char **values = lua_newuserdatauv(L, n * sizeof *values, 0);
    int keep = push_keep(L);
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, 2, (lua_Integer)i + 1) != LUA_TTABLE)
            return luaL_error(L, "doc:kv: pair %d must be a table {key, value}", (int)i + 1);
        lua_rawgeti(L, -1, 1);
        keys[i] = kept_text(L, keep, "kv", "a key");
        lua_rawgeti(L, -1, 2);
        values[i] = kept_text(L, keep, "kv", "a value");
        lua_pop(L, 1);
    }
    kp_err e;
    if (kp_doc_key_values(api->doc, keys, values, n, &e))
        return fail(L, "kv", &e);
    return 0;
}

/* ---- tables --------------------------------------------------------------- */

struct column {
    enum kp_col_width width;
    double value;
    enum kp_text_align align;
};

static void parse_width(lua_State *L, int col, struct column *out)
{
    int t = raw_field(L, -1, "width");
    out->width = KP_COL_AUTO;
    out->value = 0;
    if (t == LUA_TNUMBER) {
        out->width = KP_COL_FIXED;
        out->value = lua_tonumber(L, -1);
        if (!(out->value > 0 && out->value < 2000))
            luaL_error(L, "doc:table: column %d: a fixed width is 1 to 2000 points", col);
    } else if (t == LUA_TSTRING) {
        const char *s = lua_tostring(L, -1);
        char *end;
        if (!strcmp(s, "auto")) {
        } else if ((out->value = strtod(s, &end)) > 0 && end[0] == '*' && end[1] == '\0' &&
                   out->value <= 100) {
            out->width = KP_COL_SHARE;
        } else {
            luaL_error(L, "doc:table: column %d: width is points, \"auto\" or a share like \"2*\"",
                       col);
        }
    } else if (t != LUA_TNIL) {
        luaL_error(L, "doc:table: column %d: width is points, \"auto\" or a share like \"2*\"", col);
    }
    lua_pop(L, 1);
}

static enum kp_text_align parse_align(lua_State *L, int col, int keep)
{
    const char *a = opt_field_string(L, lua_gettop(L), "align", "left", "table", keep);
    if (!strcmp(a, "left"))
        return KP_ALIGN_LEFT;
    if (!strcmp(a, "center"))
        return KP_ALIGN_CENTER;
    if (!strcmp(a, "right"))
        return KP_ALIGN_RIGHT;
    luaL_error(L, "doc:table: column %d: align must be \"left\", \"center\" or \"right\"", col);
    return KP_ALIGN_LEFT;
}

/* Read the columns once into `cols`; returns whether any has a title. */
static int read_columns(lua_State *L, int cols_idx, size_t ncols, struct column *cols, int keep)
{
    KP_LUA_BALANCED(L);
    int header = 0;
    for (size_t c = 0; c < ncols; c++) {
        if (lua_rawgeti(L, cols_idx, (lua_Integer)c + 1) != LUA_TTABLE)
            luaL_error(L, "doc:table: column %d must be a table {\"标题\", ...}", (int)c + 1);
        parse_width(L, (int)c + 1, &cols[c]);
        cols[c].align = parse_align(L, (int)c + 1, keep);
        if (lua_rawgeti(L, -1, 1) != LUA_TNIL)
            header = 1;
        lua_pop(L, 2);
    }
    KP_LUA_BALANCE_IS(L, 0);
    return header;
}

/* Row r (0-based) pushed; checked to be a table of at most ncols cells. */
static int push_row(lua_State *L, int rows_idx, size_t r, size_t ncols)
{
    if (lua_rawgeti(L, rows_idx, (lua_Integer)r + 1) != LUA_TTABLE)
        luaL_error(L, "doc:table: row %d must be a table of cells", (int)r + 1);
    if (lua_rawlen(L, -1) > ncols)
        luaL_error(L, "doc:table: row %d has %d cells; the table has %d columns", (int)r + 1,
                   (int)lua_rawlen(L, -1), (int)ncols);
    return lua_gettop(L);
}

static void check_rows(lua_State *L, int rows_idx, size_t nrows, size_t ncols)
{
    KP_LUA_BALANCED(L);
    for (size_t r = 0; r < nrows; r++) {
        int row = push_row(L, rows_idx, r, ncols);
        for (size_t c = 0; c < ncols; c++) {
            int t = lua_rawgeti(L, row, (lua_Integer)c + 1);
            if (t != LUA_TSTRING && t != LUA_TNUMBER && t != LUA_TNIL)
                luaL_error(L, "doc:table: row %d, cell %d must be a string or a number, not %s",
                           (int)r + 1, (int)c + 1, lua_typename(L, t));
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    KP_LUA_BALANCE_IS(L, 0);
}

static int m_table(lua_State *L)
{
    kp_docapi *api = check_doc(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    int keep = push_keep(L);
    if (raw_field(L, 2, "columns") != LUA_TTABLE)
        return luaL_error(L, "doc:table: columns={{\"标题\", width=..., align=...}, ...} is required");
    int cols_idx = lua_gettop(L);
    size_t ncols = lua_rawlen(L, cols_idx);
    if (ncols == 0 || ncols > KP_DOC_MAX_COLUMNS)
        return luaL_error(L, "doc:table: 1 to %d columns", KP_DOC_MAX_COLUMNS);
    if (raw_field(L, 2, "rows") != LUA_TTABLE)
        return luaL_error(L, "doc:table: rows={{...}, ...} is required");
    int rows_idx = lua_gettop(L);
    size_t nrows = lua_rawlen(L, rows_idx);
    int zebra = opt_field_bool(L, 2, "zebra", 1);

    /* Check everything before the document changes.  Nothing below runs Lua
     * code, so what was checked here is what is read after. */
    luaL_checkstack(L, (int)ncols + 8, "doc:table");
    struct column *cols = lua_newuserdatauv(L, ncols * sizeof *cols, 0);
    const char **cells = lua_newuserdatauv(L, ncols * sizeof *cells, 0);
    int header = read_columns(L, cols_idx, ncols, cols, keep);
    check_rows(L, rows_idx, nrows, ncols);

    struct kp_doc_table *t;
    kp_err e;
    if (kp_doc_table(api->doc, ncols, &t, &e))
        return fail(L, "table", &e);
    for (size_t c = 0; c < ncols; c++) {
        lua_rawgeti(L, cols_idx, (lua_Integer)c + 1);
        lua_rawgeti(L, -1, 1);
        const char *title = header ? cell_text(L, "table", "a column title") : NULL;
        if (kp_table_column(t, c, title, cols[c].width, cols[c].value, cols[c].align, &e))
            return fail(L, "table", &e);
        lua_pop(L, 2);
    }
    kp_table_set_zebra(t, zebra);
    for (size_t r = 0; r < nrows; r++) {
        int row = push_row(L, rows_idx, r, ncols);
        for (size_t c = 0; c < ncols; c++) {
            lua_rawgeti(L, row, (lua_Integer)c + 1);
            cells[c] = cell_text(L, "table", "a cell");
        }
        unsigned flags = opt_field_bool(L, row, "bold", 0) ? KP_ROW_BOLD : 0;
        if (kp_table_row(t, cells, ncols, flags, &e))
            return fail(L, "table", &e);
        lua_settop(L, row - 1);
    }
    return 0;
}

/* ---- charts --------------------------------------------------------------- */

static int chart_holder_gc(lua_State *L)
{
    kp_chart **p = luaL_checkudata(L, 1, CHART_META);
    kp_chart_free(*p);
    *p = NULL;
    return 0;
}

static int chart_fail(lua_State *L, const kp_err *e)
{
    return luaL_error(L, "doc:chart: %s", e->msg);
}

static void chart_texts(lua_State *L, kp_chart *c, int keep)
{
    kp_err e;
    const char *s;
    if ((s = opt_field_string(L, 2, "title", NULL, "chart", keep)) && kp_chart_set_title(c, s, &e))
        chart_fail(L, &e);
    if ((s = opt_field_string(L, 2, "unit", NULL, "chart", keep)) && kp_chart_set_unit(c, s, &e))
        chart_fail(L, &e);
    int t = raw_field(L, 2, "axes");
    if (t == LUA_TTABLE) {
        lua_rawgeti(L, -1, 1);
        const char *cat = kept_text(L, keep, "chart", "an axis label");
        lua_rawgeti(L, -1, 2);
        const char *val = kept_text(L, keep, "chart", "an axis label");
        if (kp_chart_set_axis_labels(c, *cat ? cat : NULL, *val ? val : NULL, &e))
            chart_fail(L, &e);
    } else if (t != LUA_TNIL) {
        luaL_error(L, "doc:chart: axes must be {\"区县\", \"得分\"}");
    }
    lua_pop(L, 1);
}

/* The categories; the chart is refused up front when it would be too big to
 * draw in reasonable time. */
static size_t chart_categories(lua_State *L, kp_chart *c, enum kp_chart_kind k)
{
    KP_LUA_BALANCED(L);
    kp_err e;
    if (raw_field(L, 2, "categories") != LUA_TTABLE)
        luaL_error(L, "doc:chart: categories={\"江北区\", ...} is required");
    size_t ncat = lua_rawlen(L, -1);
    if (raw_field(L, 2, "series") != LUA_TTABLE)
        luaL_error(L, "doc:chart: series={{name=\"总分\", values={...}}, ...} is required");
    size_t nser = lua_rawlen(L, -1);
    lua_pop(L, 1);
    if (kp_chart_check_size(k, ncat, nser, &e))
        chart_fail(L, &e);
    for (size_t i = 0; i < ncat; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        if (kp_chart_add_category(c, cell_text(L, "chart", "a category"), &e))
            chart_fail(L, &e);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    KP_LUA_BALANCE_IS(L, 0);
    return ncat;
}

static void chart_values(lua_State *L, kp_chart *c, size_t s_i, size_t ncat)
{
    KP_LUA_BALANCED(L);
    kp_err e;
    if (raw_field(L, -1, "values") != LUA_TTABLE)
        luaL_error(L, "doc:chart: series %d needs values={...}", (int)s_i + 1);
    if (lua_rawlen(L, -1) > ncat)
        luaL_error(L, "doc:chart: series %d has %d values for %d categories", (int)s_i + 1,
                   (int)lua_rawlen(L, -1), (int)ncat);
    for (size_t i = 0; i < ncat; i++) {
        int t = lua_rawgeti(L, -1, (lua_Integer)i + 1);
        int rc;
        if (t == LUA_TNUMBER && !isfinite(lua_tonumber(L, -1)))
            rc = luaL_error(L, "doc:chart: series %d, value %d is not a finite number (%f)",
                            (int)s_i + 1, (int)i + 1, lua_tonumber(L, -1));
        else if (t == LUA_TNUMBER)
            rc = kp_chart_set_value(c, s_i, i, lua_tonumber(L, -1), &e);
        else if (t == LUA_TNIL || (t == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
            rc = kp_chart_set_missing(c, s_i, i, &e);
        else
            rc = luaL_error(L, "doc:chart: series %d, value %d must be a number or false "
                               "(no data), not %s", (int)s_i + 1, (int)i + 1,
                            lua_typename(L, t));
        if (rc)
            chart_fail(L, &e);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    KP_LUA_BALANCE_IS(L, 0);
}

static void chart_series(lua_State *L, kp_chart *c, size_t ncat, int keep)
{
    KP_LUA_BALANCED(L);
    kp_err e;
    raw_field(L, 2, "series");
    size_t nser = lua_rawlen(L, -1);
    for (size_t s_i = 0; s_i < nser; s_i++) {
        if (lua_rawgeti(L, -1, (lua_Integer)s_i + 1) != LUA_TTABLE)
            luaL_error(L, "doc:chart: series %d must be a table {name=, values=}", (int)s_i + 1);
        const char *name = opt_field_string(L, lua_gettop(L), "name", "", "chart", keep);
        if (kp_chart_add_series(c, name, &e))
            chart_fail(L, &e);
        chart_values(L, c, s_i, ncat);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    KP_LUA_BALANCE_IS(L, 0);
}

static void chart_scale(lua_State *L, kp_chart *c, int keep)
{
    kp_err e;
    if (raw_field(L, 2, "range") == LUA_TTABLE) {
        if (lua_rawgeti(L, -1, 1) != LUA_TNUMBER || lua_rawgeti(L, -2, 2) != LUA_TNUMBER)
            luaL_error(L, "doc:chart: range must be {min, max}");
        if (kp_chart_set_range(c, lua_tonumber(L, -2), lua_tonumber(L, -1), &e))
            chart_fail(L, &e);
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
    if (raw_field(L, 2, "references") == LUA_TTABLE) {
        size_t n = lua_rawlen(L, -1);
        for (size_t i = 0; i < n; i++) {
            if (lua_rawgeti(L, -1, (lua_Integer)i + 1) != LUA_TTABLE)
                luaL_error(L, "doc:chart: references={{value=90, label=\"优秀\"}, ...}");
            double v = opt_field_number(L, lua_gettop(L), "value", NAN, "chart");
            const char *label = opt_field_string(L, lua_gettop(L), "label", NULL, "chart", keep);
            if (kp_chart_add_reference(c, v, label, &e))
                chart_fail(L, &e);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    if (kp_chart_set_decimals(c, opt_field_int(L, 2, "decimals", -1, -1, 6, "chart"), &e))
        chart_fail(L, &e);
}

/* Fill the chart from the spec table at index 2, and check that it can be
 * drawn, so that a wrong chart fails at the layout's line, not in the PDF. */
static void build_chart(lua_State *L, kp_chart *c, enum kp_chart_kind k, int keep)
{
    KP_LUA_BALANCED(L);
    chart_texts(L, c, keep);
    size_t ncat = chart_categories(L, c, k);
    chart_series(L, c, ncat, keep);
    chart_scale(L, c, keep);
    kp_err e;
    if (kp_chart_check(c, &e))
        chart_fail(L, &e);
    KP_LUA_BALANCE_IS(L, 0);
}

/* Capture mode: keep the chart called api->chart_name, note every name. */
static void capture_chart(kp_docapi *api, kp_chart **holder, const char *name)
{
    if (!name)
        return;
    size_t have = api->chart_names ? strlen(api->chart_names) : 0;
    char *p = realloc(api->chart_names, have + strlen(name) + 2);
    if (p) {
        memcpy(p + have, name, strlen(name));
        p[have + strlen(name)] = '\n';
        p[have + strlen(name) + 1] = '\0';
        api->chart_names = p;
    }
    if (!strcmp(name, api->chart_name) && !api->captured) {
        api->captured = *holder;
        *holder = NULL;
    }
}

static int m_chart(lua_State *L)
{
    kp_docapi *api = check_doc(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    int keep = push_keep(L);
    const char *kind = opt_field_string(L, 2, "kind", NULL, "chart", keep);
    const char *name = opt_field_string(L, 2, "name", NULL, "chart", keep);
    double height = opt_field_number(L, 2, "height", 0, "chart");
    if (!kind)
        return luaL_error(L, "doc:chart: kind= is required (bar_ranking, bars, stacked, line, "
                             "radar, pie, donut, heatmap, gauge, progress)");
    if (height < 0 || height > 2000)
        return luaL_error(L, "doc:chart: height must be 0 (automatic) to 2000 points");
    enum kp_chart_kind k;
    kp_err e;
    if (kp_chart_kind_from_name(kind, &k, &e))
        return chart_fail(L, &e);
    kp_chart **holder = lua_newuserdatauv(L, sizeof *holder, 0);
    *holder = NULL;
    luaL_setmetatable(L, CHART_META);
    if (kp_chart_new(holder, k, &e))
        return chart_fail(L, &e);
    build_chart(L, *holder, k, keep);

    if (api->chart_name) {
        capture_chart(api, holder, name);
        return 0;
    }
    kp_chart *c = *holder;
    *holder = NULL; /* the document takes it, also when this fails */
    if (kp_doc_chart(api->doc, c, height, &e))
        return fail(L, "chart", &e);
    return 0;
}

/* ---- images --------------------------------------------------------------- */

static int m_image(lua_State *L)
{
    kp_docapi *api = check_doc(L);
    const char *name = arg_text(L, 2, "image");
    double width = luaL_optnumber(L, 3, 0);
    if (!isfinite(width) || width < 0 || width > 2000)
        return luaL_error(L, "doc:image: width must be 0 (natural size) to 2000 points");
    char path[4096];
    kp_err e;
    /* Layouts do not reach the file system: only a regular file in the
     * layout's folder, which cannot block (a FIFO) or lead elsewhere. */
    if (kp_layout_file_check(api->layout_dir ? api->layout_dir : ".", name, IMAGE_MAX_BYTES, path,
                             sizeof path, &e))
        return fail(L, "image", &e);
    if (kp_doc_image(api->doc, path, width, &e))
        return fail(L, "image", &e);
    return 0;
}

static const luaL_Reg methods[] = {
    {"info", m_info},       {"style", m_style},     {"cover", m_cover},
    {"toc", m_toc},         {"section", m_section}, {"page_break", m_page_break},
    {"heading", m_heading}, {"paragraph", m_paragraph}, {"kv", m_kv},
    {"table", m_table},     {"chart", m_chart},     {"image", m_image},
    {NULL, NULL},
};

static int setup(lua_State *L)
{
    kp_docapi *api = lua_touserdata(L, 1);
    if (luaL_newmetatable(L, CHART_META)) {
        lua_pushcfunction(L, chart_holder_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushliteral(L, "locked");
        lua_setfield(L, -2, "__metatable");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, DOC_META)) {
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
        lua_pushliteral(L, "locked");
        lua_setfield(L, -2, "__metatable");
    }
    lua_pop(L, 1);
    kp_docapi **p = lua_newuserdatauv(L, sizeof *p, 0);
    *p = api;
    luaL_setmetatable(L, DOC_META);
    return 1;
}

int kp_docapi_push(kp_sandbox *sb, kp_docapi *api, kp_err *e)
{
    lua_State *L = kp_sandbox_lua(sb);
    lua_pushcfunction(L, setup);
    lua_pushlightuserdata(L, api);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        kp_fail(e, "setting up the document object: %s", lua_tostring(L, -1));
        lua_pop(L, 1);
        return -1;
    }
    lua_pushvalue(L, -1);
    api->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

void kp_docapi_release(kp_sandbox *sb, kp_docapi *api)
{
    lua_State *L = kp_sandbox_lua(sb);
    if (api->ref == LUA_NOREF || api->ref == LUA_REFNIL)
        return;
    lua_rawgeti(L, LUA_REGISTRYINDEX, api->ref);
    kp_docapi **p = lua_touserdata(L, -1);
    if (p)
        *p = NULL;
    lua_pop(L, 1);
    luaL_unref(L, LUA_REGISTRYINDEX, api->ref);
    api->ref = LUA_NOREF;
}
