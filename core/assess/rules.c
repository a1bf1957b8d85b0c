/*
 * rules.c — loading a rules file and checking it whole (see rules.h).
 *
 * The file runs in a sandbox with the scoring library; its verbs
 * (rules_lang.c) record declarations, which are read here with raw table
 * access only (no metamethod of the file runs outside its time limit) and
 * checked against the loaded plugins.  Every mistake becomes a diagnostic
 * with its line; loading goes on so that all of them are reported.
 */
#include "assess/rules_impl.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess/sha256.h"
#include "kp_config.h"
#include "util/buf.h"
#include "util/paths.h"
#include "util/readfile.h"
#include "util/suggest.h"

/* The work areas of the plan.  An area with one of these ids whose plugin is
 * not installed is skipped with a note; any other unknown id is a mistake. */
#define EPS 1e-9

/* ---- diagnostics ------------------------------------------------------------ */

static void diag(kp_rules *r, int severity, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void diag(kp_rules *r, int severity, int line, const char *fmt, ...)
{
    char msg[1024], full[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *sev = severity == KP_DIAG_WARNING ? "warning: " : "";
    if (line > 0)
        snprintf(full, sizeof full, "%s:%d: %s%s", r->path, line, sev, msg);
    else
        snprintf(full, sizeof full, "%s: %s%s", r->path, sev, msg);
    kp_diag *nd = realloc(r->diags, (r->ndiags + 1) * sizeof *nd);
    if (!nd)
        return;
    r->diags = nd;
    char *copy = strdup(full);
    if (!copy)
        return;
    r->diags[r->ndiags++] = (kp_diag){severity, line, copy};
    if (severity == KP_DIAG_ERROR)
        r->nerrors++;
}

static const char *suggest(const char *word, const char *const *cands, size_t n, char *buf,
                           size_t size);

/* The scoring functions and verbs of the rules language, for "did you mean". */
static const char *const rule_words[] = {"ratio", "threshold", "tiers", "per_item", "growth",
                                         "veto_if", "assessment", "area", "indicator", "bonus",
                                         "deduction", "veto"};

/* "attempt to call a nil value (global 'ratoi')": a misspelt scoring function. */
static int unknown_function(const char *msg, char *out, size_t size)
{
    static const char pat[] = "attempt to call a nil value (global '";
    const char *p = strstr(msg, pat);
    const char *name = p ? p + sizeof pat - 1 : NULL;
    const char *q = name ? strchr(name, '\'') : NULL;
    if (!q || q - name > 63)
        return 0;
    char word[64], sb[128];
    memcpy(word, name, (size_t)(q - name));
    word[q - name] = 0;
    snprintf(out, size, "%.*sunknown scoring function '%s'%s; the scoring functions are ratio, "
             "threshold, tiers, per_item, growth and veto_if", (int)(p - msg), msg, word,
             suggest(word, rule_words, sizeof rule_words / sizeof rule_words[0], sb, sizeof sb));
    return 1;
}

/* Full-width punctuation a Chinese input method types, and its ASCII twin. */
static char ascii_twin(unsigned cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return (char)(cp - 0xFEE0);
    switch (cp) {
    case 0x3000: return ' ';
    case 0x3001: return ',';
    case 0x3002: return '.';
    case 0x3010: return '[';
    case 0x3011: return ']';
    case 0x2018: case 0x2019: return '\'';
    case 0x201C: case 0x201D: return '"';
    default: return 0;
    }
}

/* Decode one UTF-8 character at s (n bytes left); *len its length. */
static unsigned utf8_at(const unsigned char *s, size_t n, size_t *len)
{
    *len = 1;
    if (s[0] >= 0xE0 && s[0] < 0xF0 && n >= 3) {
        *len = 3;
        return (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    }
    if (s[0] >= 0xC0 && s[0] < 0xE0 && n >= 2) {
        *len = 2;
        return (unsigned)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    }
    return s[0];
}

/* The first full-width punctuation outside quotes on line `line` of the
 * source: Lua reports it only as "near '<\239>'". */
static int full_width(const kp_rules *r, int line, char *out, size_t size)
{
    const char *p = r->source;
    for (int l = 1; p && l < line; l++)
        if ((p = strchr(p, '\n')))
            p++;
    if (!p)
        return 0;
    const char *end = strchr(p, '\n');
    size_t n = end ? (size_t)(end - p) : strlen(p), len;
    char quote = 0;
    int column = 1;
    for (size_t i = 0; i < n; i += len, column++) {
        unsigned cp = utf8_at((const unsigned char *)p + i, n - i, &len);
        if (quote) {
            if (cp == '\\')
                len++; /* the escaped character is not a closing quote */
            else if (cp == (unsigned)quote)
                quote = 0;
        } else if (cp == '"' || cp == '\'') {
            quote = (char)cp;
        } else if (cp == '-' && i + 1 < n && p[i + 1] == '-') {
            return 0; /* a comment */
        } else if (ascii_twin(cp)) {
            snprintf(out, size, "%s:%d:%d: full-width punctuation '%.*s' (U+%04X), typed with a "
                     "Chinese input method; outside quotes the rules use the ASCII '%c'",
                     r->path, line, column, (int)len, p + i, cp, ascii_twin(cp));
            return 1;
        }
    }
    return 0;
}

/* A message that already carries its place (a Lua error), said so that an
 * administrator can act on it: no traceback, misspelt functions and
 * full-width punctuation named as such. */
static void diag_raw(kp_rules *r, const char *msg)
{
    int line = 0;
    size_t plen = strlen(r->path);
    if (!strncmp(msg, r->path, plen) && msg[plen] == ':')
        line = atoi(msg + plen + 1);
    char text[1400];
    const char *tb = strstr(msg, "\nstack traceback:");
    snprintf(text, sizeof text, "%.*s", tb ? (int)(tb - msg) : (int)strlen(msg), msg);
    char better[1400];
    if (unknown_function(text, better, sizeof better) ||
        (strstr(text, "near '<\\") && full_width(r, line, better, sizeof better)))
        snprintf(text, sizeof text, "%s", better);
    kp_diag *nd = realloc(r->diags, (r->ndiags + 1) * sizeof *nd);
    char *copy = strdup(text);
    if (!nd || !copy) {
        free(copy);
        if (nd)
            r->diags = nd;
        return;
    }
    r->diags = nd;
    r->diags[r->ndiags++] = (kp_diag){KP_DIAG_ERROR, line, copy};
    r->nerrors++;
}

static int diag_cmp(const void *a, const void *b)
{
    const kp_diag *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x < y ? -1 : x > y; /* stable: keep the order found */
}

void kp_rules_print_diags(const kp_rules *r, FILE *f)
{
    for (size_t i = 0; i < r->ndiags; i++)
        fprintf(f, "%s\n", r->diags[i].msg);
}

/* ---- "did you mean" ---------------------------------------------------------- */

/* " (did you mean 'x'?)" for the closest candidate, or "" when none is close. */
static const char *suggest(const char *word, const char *const *cands, size_t n, char *buf,
                           size_t size)
{
    const char *best = NULL;
    size_t bestd = 99, len = strlen(word);
    size_t limit = len / 3 > 2 ? len / 3 : 2;
    for (size_t i = 0; i < n; i++) {
        size_t d = kp_edit_distance(word, cands[i], KP_EDIT_EXACT);
        if (d < bestd)
            best = cands[i], bestd = d;
    }
    if (!best || bestd > limit) {
        buf[0] = 0;
        return buf;
    }
    snprintf(buf, size, " (did you mean '%s'?)", best);
    return buf;
}

/* "; allowed: a, b, c" for an unknown setting. */
static const char *allowed_text(const char *const *names, size_t n, char *buf, size_t size)
{
    size_t used = (size_t)snprintf(buf, size, "; allowed: ");
    for (size_t i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
    return buf;
}

/* ---- reading declarations ------------------------------------------------------ */

/*
 * An area no loaded plugin has.  The core knows no work area by name, so it
 * tells a typo from a plugin that is not installed by what is loaded: an id
 * close to a loaded plugin's is a typo (an error); any other is an area
 * whose plugin is missing here (a warning: the area is skipped), and the
 * note says what is loaded.
 */
static void note_unloaded_area(kp_rules *r, const kp_registry *reg, const kp_rule_area *a)
{
    const char *names[64];
    size_t n = 0;
    for (size_t i = 0; i < kp_registry_count(reg) && n < 64; i++)
        names[n++] = kp_registry_plugin(reg, i)->id;
    char sb[128];
    if (*suggest(a->id, names, n, sb, sizeof sb)) {
        diag(r, KP_DIAG_ERROR, a->line, "unknown area '%s'%s", a->id, sb);
        return;
    }
    kp_buf loaded;
    kp_buf_init(&loaded, 0);
    for (size_t i = 0; i < n; i++)
        kp_buf_printf(&loaded, "%s%s", i ? ", " : "", names[i]);
    diag(r, KP_DIAG_WARNING, a->line, "area '%s': plugin not loaded; the area will be skipped and "
         "its indicators cannot be checked (loaded: %s)", a->id,
         n ? loaded.data : "no plugin");
    kp_buf_free(&loaded);
}

struct collect {
    kp_rules *r;
    const kp_registry *reg;
    int run_failed;
};

static char *xstrdup(lua_State *L, const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p)
        luaL_error(L, "out of memory");
    return p;
}

/* Push t[key] raw; returns its type. */
static int rawfield(lua_State *L, int t, const char *key)
{
    t = lua_absindex(L, t);
    lua_pushstring(L, key);
    return lua_rawget(L, t);
}

static const char *type_word(lua_State *L, int idx)
{
    return luaL_typename(L, idx);
}

/* Read the assessment { } declaration. */
static void read_assessment(lua_State *L, struct collect *c, int *line)
{
    kp_rules *r = c->r;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_rules_key_decl);
    rawfield(L, -1, "assessments");
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    *line = 0;
    if (n == 0) {
        if (!c->run_failed)
            diag(r, KP_DIAG_ERROR, 0, "no assessment { year = ..., title = ..., grades = ... } "
                 "declaration: the file must say which year it assesses and its grades");
        lua_pop(L, 2);
        return;
    }
    lua_rawgeti(L, -1, 1);
    rawfield(L, -1, "line");
    *line = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    for (lua_Integer i = 2; i <= n; i++) {
        lua_rawgeti(L, -2, i);
        rawfield(L, -1, "line");
        diag(r, KP_DIAG_ERROR, (int)lua_tointeger(L, -1), "a second assessment { } declaration "
             "(the first is on line %d)", *line);
        lua_pop(L, 2);
    }
    rawfield(L, -1, "body");
    int body = lua_gettop(L);

    /* settings */
    lua_pushnil(L);
    while (lua_next(L, body)) {
        static const char *const allowed[] = {"year", "title", "grades"};
        if (lua_type(L, -2) != LUA_TSTRING) {
            diag(r, KP_DIAG_ERROR, *line, "assessment: only named settings are allowed "
                 "(year, title, grades)");
        } else {
            const char *k = lua_tostring(L, -2);
            int ok = 0;
            for (size_t i = 0; i < 3; i++)
                ok |= !strcmp(k, allowed[i]);
            char sb[128], ab[160];
            if (!ok)
                diag(r, KP_DIAG_ERROR, *line, "assessment: unknown setting '%s'%s%s", k,
                     suggest(k, allowed, 3, sb, sizeof sb), allowed_text(allowed, 3, ab, sizeof ab));
        }
        lua_pop(L, 1);
    }

    if (rawfield(L, body, "year") != LUA_TNUMBER || !lua_isinteger(L, -1) ||
        lua_tointeger(L, -1) < 1900 || lua_tointeger(L, -1) > 2999)
        diag(r, KP_DIAG_ERROR, *line, "assessment: year must be a year such as 2023%s%s",
             lua_isnil(L, -1) ? " (it is missing)" : ", not a ",
             lua_isnil(L, -1) ? "" : type_word(L, -1));
    else
        r->year = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);

    if (rawfield(L, body, "title") != LUA_TSTRING)
        diag(r, KP_DIAG_ERROR, *line, "assessment: title must be text%s",
             lua_isnil(L, -1) ? " (it is missing)" : "");
    else
        r->title = xstrdup(L, lua_tostring(L, -1));
    lua_pop(L, 1);

    if (rawfield(L, body, "grades") != LUA_TTABLE) {
        diag(r, KP_DIAG_ERROR, *line, "assessment: grades must be a list such as "
             "{ {\"优秀\", 90}, {\"良好\", 80}, {\"合格\", 60}, {\"不合格\", 0} }");
    } else {
        int g = lua_gettop(L);
        size_t ng = lua_rawlen(L, g);
        r->grades = calloc(ng ? ng : 1, sizeof *r->grades);
        if (!r->grades)
            luaL_error(L, "out of memory");
        for (size_t i = 1; i <= ng; i++) {
            lua_rawgeti(L, g, (lua_Integer)i);
            int ok = lua_istable(L, -1);
            if (ok) {
                lua_rawgeti(L, -1, 1);
                lua_rawgeti(L, -2, 2);
                ok = lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TNUMBER;
                if (ok) {
                    kp_grade *gr = &r->grades[r->ngrades++];
                    gr->name = xstrdup(L, lua_tostring(L, -2));
                    gr->min_score = lua_tonumber(L, -1);
                }
                lua_pop(L, 2);
            }
            if (!ok)
                diag(r, KP_DIAG_ERROR, *line, "assessment: grade %zu must be {\"name\", lowest "
                     "score}, such as {\"良好\", 80}", i);
            lua_pop(L, 1);
        }
        for (size_t i = 1; i < r->ngrades; i++)
            if (r->grades[i].min_score >= r->grades[i - 1].min_score)
                diag(r, KP_DIAG_ERROR, *line, "assessment: grades must go from best to worst: "
                     "'%s' (%g) comes after '%s' (%g)", r->grades[i].name, r->grades[i].min_score,
                     r->grades[i - 1].name, r->grades[i - 1].min_score);
        for (size_t i = 0; i < r->ngrades; i++)
            for (size_t j = 0; j < i; j++)
                if (!strcmp(r->grades[i].name, r->grades[j].name))
                    diag(r, KP_DIAG_ERROR, *line, "assessment: grade '%s' is listed twice",
                         r->grades[i].name);
        if (r->ngrades == 0)
            diag(r, KP_DIAG_ERROR, *line, "assessment: grades is empty");
        else if (r->grades[r->ngrades - 1].min_score > 0)
            diag(r, KP_DIAG_WARNING, *line, "assessment: the last grade '%s' starts at %g; lower "
                 "scores get it too", r->grades[r->ngrades - 1].name,
                 r->grades[r->ngrades - 1].min_score);
    }
    lua_pop(L, 1);
    lua_pop(L, 4); /* body, first decl, list, decl */
}

static int grade_exists(const kp_rules *r, const char *name)
{
    for (size_t i = 0; i < r->ngrades; i++)
        if (!strcmp(r->grades[i].name, name))
            return 1;
    return 0;
}

/* An item's kind from the verb that declared it; the verbs are the kinds' own
 * names, so anything else cannot come from a declaration. */
static enum kp_item_kind kind_of_verb(const char *verb)
{
    int k = kp_item_kind_parse(verb);
    return k < 0 ? KP_ITEM_INDICATOR : (enum kp_item_kind)k;
}

/* Read the rule of an item (its body at index `body`) into `it`. */
static void read_rule(lua_State *L, struct collect *c, kp_rule_area *a, kp_rule_item *it, int body)
{
    kp_rules *r = c->r;
    const char *what = kp_item_kind_name(it->kind);
    int t = rawfield(L, body, "rule");
    if (t == LUA_TNIL) {
        diag(r, KP_DIAG_ERROR, it->line, "%s '%s': rule is missing (for example rule = ratio "
             "{ target = 100, points = 5 })", what, it->id);
        lua_pop(L, 1);
        return;
    }
    if (t == LUA_TFUNCTION) {
        it->rule_kind = xstrdup(L, "function");
        it->rule_text = xstrdup(L, "自定义计分");
        if (it->kind == KP_ITEM_VETO) {
            it->points = 0;
        } else if (rawfield(L, body, "points") != LUA_TNUMBER || !(lua_tonumber(L, -1) > 0)) {
            diag(r, KP_DIAG_ERROR, it->line, "%s '%s': a rule written as a function needs "
                 "points = <the most it gives>", what, it->id);
            lua_pop(L, 1);
        } else {
            it->points = lua_tonumber(L, -1);
            lua_pop(L, 1);
        }
        if (rawfield(L, body, "target") == LUA_TNUMBER) {
            it->has_target = 1;
            it->target = lua_tonumber(L, -1);
        }
        lua_pop(L, 1);
        it->rule_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        return;
    }
    if (t != LUA_TTABLE) {
        diag(r, KP_DIAG_ERROR, it->line, "%s '%s': rule must be a scoring method such as ratio "
             "{ ... } or a function, not a %s", what, it->id, type_word(L, -1));
        lua_pop(L, 1);
        return;
    }
    int rule = lua_gettop(L);
    int ok = 1;
    if (rawfield(L, rule, "broken") == LUA_TBOOLEAN && lua_toboolean(L, -1))
        ok = 0; /* the method has said what is wrong */
    lua_pop(L, 1);
    if (rawfield(L, rule, "score") != LUA_TFUNCTION) {
        if (ok)
            diag(r, KP_DIAG_ERROR, it->line, "%s '%s': rule is a table but not a scoring method "
                 "(it has no score function)", what, it->id);
        ok = 0;
    }
    lua_pop(L, 1);
    if (rawfield(L, rule, "kind") == LUA_TSTRING)
        it->rule_kind = xstrdup(L, lua_tostring(L, -1));
    lua_pop(L, 1);
    if (rawfield(L, rule, "text") == LUA_TSTRING)
        it->rule_text = xstrdup(L, lua_tostring(L, -1));
    lua_pop(L, 1);
    if (rawfield(L, rule, "points") == LUA_TNUMBER)
        it->points = lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (rawfield(L, rule, "target") == LUA_TNUMBER) {
        it->has_target = 1;
        it->target = lua_tonumber(L, -1);
    }
    lua_pop(L, 1);
    if (it->manual) {
        if (rawfield(L, rule, "guide") == LUA_TSTRING)
            it->guide = xstrdup(L, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    it->needs_previous = rawfield(L, rule, "previous") == LUA_TBOOLEAN && lua_toboolean(L, -1);
    lua_pop(L, 1);
    int is_veto = rawfield(L, rule, "veto") == LUA_TBOOLEAN && lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (ok && is_veto && it->kind != KP_ITEM_VETO) {
        diag(r, KP_DIAG_ERROR, it->line, "%s '%s': %s belongs in a veto item: veto \"%s\" "
             "{ rule = ..., cap = \"合格\" }", what, it->id, it->rule_kind ? it->rule_kind : "rule",
             it->id);
        ok = 0;
    }
    if (ok && !is_veto && it->kind == KP_ITEM_VETO) {
        diag(r, KP_DIAG_ERROR, it->line, "veto '%s': the rule must be veto_if { below = ... } or "
             "a function, not %s", it->id, it->rule_kind ? it->rule_kind : "a scoring method");
        ok = 0;
    }
    if (ok && it->kind != KP_ITEM_VETO && !(it->points > 0)) {
        diag(r, KP_DIAG_ERROR, it->line, "%s '%s': the rule gives no points", what, it->id);
        ok = 0;
    }
    (void)a;
    if (!ok) {
        lua_pop(L, 1);
        return;
    }
    it->rule_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* Whether the declaration's rule is manual { ... }: such an item has no
 * plugin indicator behind it, so its id is the rules file's own. */
static int peek_manual(lua_State *L, int decl)
{
    int top = lua_gettop(L), manual = 0;
    if (rawfield(L, decl, "body") == LUA_TTABLE && rawfield(L, -1, "rule") == LUA_TTABLE)
        manual = rawfield(L, -1, "manual") == LUA_TBOOLEAN && lua_toboolean(L, -1);
    lua_settop(L, top);
    return manual;
}

/* A title that states a target ("不少于12场") next to a rule whose target is
 * another number: one of them is out of date.  The title should not repeat
 * the target at all (reports show it from the rule). */
static void check_title_target(kp_rules *r, const char *what, const kp_rule_item *it)
{
    static const char *const words[] = {"不少于", "不低于", "至少", "达到", "≥"};
    if (!it->has_target || !it->title)
        return;
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        const char *p = strstr(it->title, words[w]);
        if (!p)
            continue;
        char *end;
        double n = strtod(p + strlen(words[w]), &end);
        if (end == p + strlen(words[w]))
            continue;
        if (fabs(n - it->target) > EPS)
            diag(r, KP_DIAG_WARNING, it->line, "%s '%s': the title says %s%g but the target is "
                 "%g; say the target once, in the rule (reports show it)", what, it->id,
                 words[w], n, it->target);
        return;
    }
}

static void read_item(lua_State *L, struct collect *c, kp_rule_area *a, int decl)
{
    kp_rules *r = c->r;
    kp_rule_item *it = &a->items[a->nitems];
    memset(it, 0, sizeof *it);
    it->rule_ref = LUA_NOREF;
    rawfield(L, decl, "kind");
    it->kind = kind_of_verb(lua_tostring(L, -1));
    lua_pop(L, 1);
    rawfield(L, decl, "line");
    it->line = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    const char *what = kp_item_kind_name(it->kind);
    if (rawfield(L, decl, "id") != LUA_TSTRING) {
        lua_pop(L, 1);
        return; /* already reported by the verb */
    }
    it->id = xstrdup(L, lua_tostring(L, -1));
    lua_pop(L, 1);
    a->nitems++;

    for (size_t i = 0; i + 1 < a->nitems; i++)
        if (!strcmp(a->items[i].id, it->id))
            diag(r, KP_DIAG_ERROR, it->line, "area '%s': '%s' is declared twice (first on line %d)",
                 a->id, it->id, a->items[i].line);

    it->manual = peek_manual(L, decl);
    if (it->manual && it->kind == KP_ITEM_VETO)
        diag(r, KP_DIAG_ERROR, it->line, "veto '%s': a veto cannot be scored by assessors; use "
             "an indicator with rule = manual { ... }", it->id);
    if (it->manual) {
        it->plugin = a->plugin;
    } else if (a->plugin) {
        const struct kp_plugin *p = a->plugin;
        for (size_t i = 0; i < p->nindicators; i++)
            if (!strcmp(p->indicators[i].id, it->id))
                it->indicator = &p->indicators[i];
        if (!it->indicator) {
            const char *names[128];
            size_t n = p->nindicators < 128 ? p->nindicators : 128;
            for (size_t i = 0; i < n; i++)
                names[i] = p->indicators[i].id;
            char sb[128];
            diag(r, KP_DIAG_ERROR, it->line, "area '%s' has no indicator '%s'%s", a->id, it->id,
                 suggest(it->id, names, n, sb, sizeof sb));
        } else {
            it->plugin = p;
        }
    }

    if (rawfield(L, decl, "body") != LUA_TTABLE) {
        diag(r, KP_DIAG_ERROR, it->line, "%s '%s' needs a body: %s \"%s\" { title = ..., rule = "
             "... }", what, it->id, what, it->id);
        lua_pop(L, 1);
        return;
    }
    int body = lua_gettop(L);
    static const char *const allowed_scored[] = {"title", "rule", "no_data", "points", "target"};
    static const char *const allowed_veto[] = {"title", "rule", "no_data", "cap"};
    const char *const *allowed = it->kind == KP_ITEM_VETO ? allowed_veto : allowed_scored;
    size_t nallowed = it->kind == KP_ITEM_VETO ? 4 : 5;
    lua_pushnil(L);
    while (lua_next(L, body)) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            diag(r, KP_DIAG_ERROR, it->line, "%s '%s': only named settings are allowed in its "
                 "body", what, it->id);
        } else {
            const char *k = lua_tostring(L, -2);
            int ok = 0;
            for (size_t i = 0; i < nallowed; i++)
                ok |= !strcmp(k, allowed[i]);
            char sb[128], ab[160];
            if (!ok)
                diag(r, KP_DIAG_ERROR, it->line, "%s '%s': unknown setting '%s'%s%s", what, it->id,
                     k, suggest(k, allowed, nallowed, sb, sizeof sb),
                     allowed_text(allowed, nallowed, ab, sizeof ab));
        }
        lua_pop(L, 1);
    }

    int t = rawfield(L, body, "title");
    if (t == LUA_TSTRING)
        it->title = xstrdup(L, lua_tostring(L, -1));
    else if (t != LUA_TNIL)
        diag(r, KP_DIAG_ERROR, it->line, "%s '%s': title must be text, not a %s", what, it->id,
             type_word(L, -1));
    if (!it->title)
        it->title = xstrdup(L, it->indicator ? it->indicator->title : it->id);
    lua_pop(L, 1);

    read_rule(L, c, a, it, body);
    check_title_target(r, what, it);

    t = rawfield(L, body, "no_data");
    if (it->kind == KP_ITEM_VETO) {
        const char *nd = t == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        if (t == LUA_TNIL || (nd && !strcmp(nd, "pass")))
            it->veto_on_no_data = 0;
        else if (nd && !strcmp(nd, "veto"))
            it->veto_on_no_data = 1;
        else
            diag(r, KP_DIAG_ERROR, it->line, "veto '%s': no_data must be \"pass\" or \"veto\"",
                 it->id);
    } else if (t == LUA_TNUMBER) {
        it->no_data_points = lua_tonumber(L, -1);
        if (it->no_data_points < 0 || it->no_data_points > it->points + EPS)
            diag(r, KP_DIAG_ERROR, it->line, "%s '%s': no_data gives %g points, outside 0..%g",
                 what, it->id, it->no_data_points, it->points);
    } else if (t != LUA_TNIL) {
        diag(r, KP_DIAG_ERROR, it->line, "%s '%s': no_data must be the points given when there "
             "is no data (a number), not a %s", what, it->id, type_word(L, -1));
    }
    lua_pop(L, 1);

    if (it->kind == KP_ITEM_VETO) {
        if (rawfield(L, body, "cap") != LUA_TSTRING)
            diag(r, KP_DIAG_ERROR, it->line, "veto '%s': cap must name the best grade a vetoed "
                 "county can get, such as cap = \"合格\"", it->id);
        else
            it->veto_cap = xstrdup(L, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 1); /* body */
}

static double setting_number(lua_State *L, kp_rules *r, int body, const char *area, int line,
                             const char *key, int required, int *present)
{
    int t = rawfield(L, body, key);
    double v = 0;
    *present = 0;
    if (t == LUA_TNUMBER && isfinite(lua_tonumber(L, -1)) && lua_tonumber(L, -1) >= 0) {
        v = lua_tonumber(L, -1);
        *present = 1;
    } else if (t == LUA_TNIL) {
        if (required)
            diag(r, KP_DIAG_ERROR, line, "area '%s': %s is missing", area, key);
    } else if (t == LUA_TNUMBER) {
        diag(r, KP_DIAG_ERROR, line, "area '%s': %s must not be negative", area, key);
    } else {
        diag(r, KP_DIAG_ERROR, line, "area '%s': %s must be a number, not %s%s%s", area, key,
             type_word(L, -1), t == LUA_TSTRING ? " " : "",
             t == LUA_TSTRING ? lua_tostring(L, -1) : "");
    }
    lua_pop(L, 1);
    return v;
}

static void read_area(lua_State *L, struct collect *c, int decl)
{
    kp_rules *r = c->r;
    kp_rule_area *a = &r->areas[r->nareas];
    memset(a, 0, sizeof *a);
    rawfield(L, decl, "line");
    a->line = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (rawfield(L, decl, "id") != LUA_TSTRING) {
        lua_pop(L, 1);
        return; /* reported by the verb */
    }
    a->id = xstrdup(L, lua_tostring(L, -1));
    lua_pop(L, 1);
    r->nareas++;

    for (size_t i = 0; i + 1 < r->nareas; i++)
        if (!strcmp(r->areas[i].id, a->id))
            diag(r, KP_DIAG_ERROR, a->line, "area '%s' is declared twice (first on line %d)",
                 a->id, r->areas[i].line);

    a->plugin = kp_registry_find_plugin(c->reg, a->id);
    if (!a->plugin)
        note_unloaded_area(r, c->reg, a);

    if (rawfield(L, decl, "body") != LUA_TTABLE) {
        diag(r, KP_DIAG_ERROR, a->line, "area '%s' needs a body: area \"%s\" { title = ..., "
             "weight = ..., indicator ... }", a->id, a->id);
        lua_pop(L, 1);
        a->title = xstrdup(L, a->id);
        a->short_title = xstrdup(L, a->id);
        return;
    }
    int body = lua_gettop(L);
    size_t n = lua_rawlen(L, body);
    a->items = calloc(n ? n : 1, sizeof *a->items);
    if (!a->items)
        luaL_error(L, "out of memory");

    static const char *const allowed[] = {"title", "short", "weight", "bonus_cap", "deduction_cap"};
    lua_pushnil(L);
    while (lua_next(L, body)) {
        if (lua_type(L, -2) == LUA_TSTRING) {
            const char *k = lua_tostring(L, -2);
            int ok = 0;
            for (size_t i = 0; i < 5; i++)
                ok |= !strcmp(k, allowed[i]);
            char sb[128], ab[160];
            if (!ok)
                diag(r, KP_DIAG_ERROR, a->line, "area '%s': unknown setting '%s'%s%s", a->id, k,
                     suggest(k, allowed, 5, sb, sizeof sb), allowed_text(allowed, 5, ab, sizeof ab));
        } else if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1 ||
                   (size_t)lua_tointeger(L, -2) > n) {
            diag(r, KP_DIAG_ERROR, a->line, "area '%s': its body holds settings and indicator "
                 "declarations only", a->id);
        }
        lua_pop(L, 1);
    }

    int t = rawfield(L, body, "title");
    if (t == LUA_TSTRING) {
        a->title = xstrdup(L, lua_tostring(L, -1));
    } else {
        diag(r, KP_DIAG_ERROR, a->line, "area '%s': title must be text%s", a->id,
             t == LUA_TNIL ? " (it is missing)" : "");
        a->title = xstrdup(L, a->plugin ? a->plugin->title : a->id);
    }
    lua_pop(L, 1);
    t = rawfield(L, body, "short");
    if (t == LUA_TSTRING)
        a->short_title = xstrdup(L, lua_tostring(L, -1));
    else if (t != LUA_TNIL)
        diag(r, KP_DIAG_ERROR, a->line, "area '%s': short must be text", a->id);
    if (!a->short_title)
        a->short_title = xstrdup(L, a->title);
    lua_pop(L, 1);
    int present;
    a->weight = setting_number(L, r, body, a->id, a->line, "weight", 1, &present);
    if (present && !(a->weight > 0))
        diag(r, KP_DIAG_ERROR, a->line, "area '%s': weight must be more than 0", a->id);
    a->bonus_cap = setting_number(L, r, body, a->id, a->line, "bonus_cap", 0, &a->has_bonus_cap);
    a->deduction_cap = setting_number(L, r, body, a->id, a->line, "deduction_cap", 0,
                                      &a->has_deduction_cap);

    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, body, (lua_Integer)i);
        int is_item = 0;
        if (lua_getmetatable(L, -1)) {
            lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_rules_key_item);
            is_item = lua_rawequal(L, -1, -2);
            lua_pop(L, 2);
        }
        if (is_item)
            read_item(L, c, a, lua_gettop(L));
        else
            diag(r, KP_DIAG_ERROR, a->line, "area '%s': entry %zu is a %s, not an indicator, "
                 "bonus, deduction or veto declaration", a->id, i, type_word(L, -1));
        lua_pop(L, 1);
    }
    lua_pop(L, 1); /* body */

    /* Points against the weight. */
    double sum = 0, bonus = 0, deduction = 0;
    for (size_t i = 0; i < a->nitems; i++) {
        kp_rule_item *it = &a->items[i];
        if (it->kind == KP_ITEM_INDICATOR)
            sum += it->points;
        else if (it->kind == KP_ITEM_BONUS)
            bonus += it->points;
        else if (it->kind == KP_ITEM_DEDUCTION)
            deduction += it->points;
        if (it->kind == KP_ITEM_VETO && it->veto_cap && r->ngrades && !grade_exists(r, it->veto_cap)) {
            const char *names[32];
            size_t ng = r->ngrades < 32 ? r->ngrades : 32;
            for (size_t g = 0; g < ng; g++)
                names[g] = r->grades[g].name;
            char sb[128];
            diag(r, KP_DIAG_ERROR, it->line, "veto '%s': cap '%s' is not one of the grades%s",
                 it->id, it->veto_cap, suggest(it->veto_cap, names, ng, sb, sizeof sb));
        }
    }
    if (present && sum > a->weight + EPS) {
        char parts[600] = "";
        size_t used = 0;
        for (size_t i = 0; i < a->nitems && used < sizeof parts - 64; i++)
            if (a->items[i].kind == KP_ITEM_INDICATOR)
                used += (size_t)snprintf(parts + used, sizeof parts - used, "%s%s %g",
                                         used ? " + " : "", a->items[i].id, a->items[i].points);
        diag(r, KP_DIAG_ERROR, a->line, "area '%s': its indicators give %g points (%s), more "
             "than the area's weight of %g", a->id, sum, parts, a->weight);
    } else if (present && sum + EPS < a->weight && a->plugin) {
        diag(r, KP_DIAG_WARNING, a->line, "area '%s': its indicators give %g of the area's %g "
             "points; no county can reach full marks", a->id, sum, a->weight);
    }
    if (!a->has_bonus_cap && bonus > EPS && present && sum + bonus > a->weight + EPS)
        diag(r, KP_DIAG_WARNING, a->line, "area '%s': its bonuses can add %g points and it has no "
             "bonus_cap, so a county can get %g of the area's %g points; set bonus_cap to the "
             "most the bonuses may add", a->id, bonus, sum + bonus, a->weight);
    if (!a->has_bonus_cap)
        a->bonus_cap = bonus;
    if (!a->has_deduction_cap)
        a->deduction_cap = deduction;
}

static int collect(lua_State *L)
{
    struct collect *c = lua_touserdata(L, 1);
    kp_rules *r = c->r;

    /* Problems the scoring library found (with the rules file's line). */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_rules_key_decl);
    int decl = lua_gettop(L);
    rawfield(L, decl, "problems");
    for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, -1); i++) {
        lua_rawgeti(L, -1, i);
        rawfield(L, -1, "line");
        rawfield(L, -2, "msg");
        diag(r, KP_DIAG_ERROR, (int)lua_tointeger(L, -2), "%s", lua_tostring(L, -1));
        lua_pop(L, 3);
    }
    lua_pop(L, 1);

    int aline;
    read_assessment(L, c, &aline);

    rawfield(L, decl, "areas");
    int list = lua_gettop(L);
    size_t n = lua_rawlen(L, list);
    r->areas = calloc(n ? n : 1, sizeof *r->areas);
    if (!r->areas)
        return luaL_error(L, "out of memory");
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, list, (lua_Integer)i);
        read_area(L, c, lua_gettop(L));
        lua_pop(L, 1);
    }
    lua_pop(L, 2);

    if (c->run_failed)
        return 0;
    if (r->nareas == 0) {
        diag(r, KP_DIAG_ERROR, aline, "no area is declared: area \"<plugin id>\" { ... }");
        return 0;
    }
    double total = 0;
    char parts[600] = "";
    size_t used = 0;
    for (size_t i = 0; i < r->nareas; i++) {
        total += r->areas[i].weight;
        if (used < sizeof parts - 64)
            used += (size_t)snprintf(parts + used, sizeof parts - used, "%s%s %g", used ? " + " : "",
                                     r->areas[i].id, r->areas[i].weight);
    }
    if (fabs(total - 100) > 1e-6)
        diag(r, KP_DIAG_ERROR, aline, "the areas' weights add up to %g, not 100 (%s)", total, parts);
    return 0;
}

/* ---- loading ----------------------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every *.lua of the library folder in name order, hashing them. */
static int load_library(kp_rules *r, const char *dir, kp_err *e)
{
    DIR *d = opendir(dir);
    if (!d)
        return kp_fail_errno(e, "scoring library %s", dir);
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 256) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] != '.' && len > 4 && !strcmp(de->d_name + len - 4, ".lua"))
            if ((names[n] = strdup(de->d_name)))
                n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    kp_sha256 h;
    kp_sha256_init(&h);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        kp_buf b;
        kp_buf_init(&b, 16u << 20);
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (rc == 0 && (rc = kp_read_file(path, &b, e)) == 0) {
            kp_sha256_update(&h, names[i], strlen(names[i]) + 1);
            kp_sha256_update(&h, b.data, b.len);
            rc = kp_sandbox_load_library_string(r->sb, path, b.data, b.len, e);
        }
        kp_buf_free(&b);
        free(names[i]);
    }
    kp_sha256_hex(&h, r->lib_sha256);
    return rc;
}

int kp_rules_load(kp_rules **out, const char *path, const char *lib_dir, const kp_registry *reg,
                  kp_err *e)
{
    *out = NULL;
    kp_rules *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        free(r);
        return kp_fail(e, "out of memory");
    }
    kp_buf src;
    kp_buf_init(&src, 16u << 20);
    if (kp_read_file(path, &src, e) < 0) {
        kp_buf_free(&src);
        kp_rules_free(r);
        return -1;
    }
    size_t srclen = src.len;
    r->source = kp_buf_steal(&src);
    kp_buf_free(&src);
    if (!r->source) {
        kp_rules_free(r);
        return kp_fail(e, "out of memory");
    }
    kp_sha256 h;
    kp_sha256_init(&h);
    kp_sha256_update(&h, r->source, srclen);
    kp_sha256_hex(&h, r->sha256);

    struct kp_rules_loader *ld = malloc(sizeof *ld);
    if (!ld) {
        kp_rules_free(r);
        return kp_fail(e, "out of memory");
    }
    ld->path = r->path;
    if (kp_sandbox_new(&r->sb, NULL, e) < 0) {
        free(ld);
        kp_rules_free(r);
        return -1;
    }
    kp_sandbox_set_user(r->sb, ld);
    if (kp_rules_lang_install(r->sb, e) < 0 || load_library(r, lib_dir, e) < 0) {
        kp_rules_free(r);
        return -1;
    }

    struct collect c = {r, reg, 0};
    kp_err run_err;
    if (kp_sandbox_run_string(r->sb, r->path, r->source, srclen, 0, &run_err) < 0) {
        diag_raw(r, run_err.msg);
        c.run_failed = 1;
    }
    if (kp_sandbox_protect(r->sb, collect, &c, e) < 0) {
        kp_err_wrap(e, "%s", path);
        kp_rules_free(r);
        return -1;
    }
    if (r->ndiags > 1) /* qsort may not be given NULL, even for nothing */
        qsort(r->diags, r->ndiags, sizeof *r->diags, diag_cmp);
    *out = r;
    return 0;
}

void kp_rules_free(kp_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nareas; i++) {
        kp_rule_area *a = &r->areas[i];
        for (size_t j = 0; j < a->nitems; j++) {
            kp_rule_item *it = &a->items[j];
            free(it->id);
            free(it->title);
            free(it->rule_kind);
            free(it->rule_text);
            free(it->veto_cap);
            free(it->guide);
        }
        free(a->items);
        free(a->id);
        free(a->title);
        free(a->short_title);
    }
    free(r->areas);
    for (size_t i = 0; i < r->ngrades; i++)
        free(r->grades[i].name);
    free(r->grades);
    for (size_t i = 0; i < r->ndiags; i++)
        free(r->diags[i].msg);
    free(r->diags);
    if (r->sb) {
        free(kp_sandbox_user(r->sb));
        kp_sandbox_free(r->sb);
    }
    free(r->title);
    free(r->source);
    free(r->path);
    free(r);
}

const char *kp_rules_grade(const kp_rules *r, double score)
{
    if (r->ngrades == 0)
        return "";
    for (size_t i = 0; i < r->ngrades; i++)
        if (score + 1e-9 >= r->grades[i].min_score)
            return r->grades[i].name;
    return r->grades[r->ngrades - 1].name;
}

const char *kp_rules_default_lib_dir(void)
{
    static char dir[4096];
    const char *env = getenv("KAOPING_SCRIPT_LIB");
    if (env && *env)
        return env;
    return kp_data_path(dir, sizeof dir, "scripts/lib");
}
