/*
 * rules_lang.c — the verbs of the rules language, as the sandbox sees them:
 * assessment, area, indicator, bonus, deduction, veto, and kaoping.problem.
 *
 * They only record what the file declares, with the line it was declared
 * on, into a table in the Lua registry; rules.c reads and checks it once the
 * file has run.  `area "x" { ... }` is two calls: area("x") remembers the id
 * and line and returns a function that takes the body.
 */
#include "assess/rules_impl.h"

#include <string.h>

const char kp_rules_key_decl = 0;
const char kp_rules_key_item = 0;

/* The line of the rules file that is running (the innermost frame of that
 * file; library frames are skipped so that their problems land on the line
 * of the rules file that called them). */
int kp_rules_current_line(lua_State *L, const char *path)
{
    lua_Debug ar;
    int fallback = 0;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
            continue;
        if (!fallback)
            fallback = ar.currentline;
        if (ar.source[0] == '@' && !strcmp(ar.source + 1, path))
            return ar.currentline;
    }
    return fallback;
}

static const char *rules_path(lua_State *L)
{
    struct kp_rules_loader *ld = kp_sandbox_user(kp_sandbox_of(L));
    return ld->path;
}

/* decl[field] (a list), appending the value on top of the stack. */
static void append(lua_State *L, const char *field)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_rules_key_decl);
    lua_getfield(L, -1, field);
    lua_pushvalue(L, -3);
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
    lua_pop(L, 3);
}

/* Record a problem at the current line of the rules file. */
static void record_problem(lua_State *L, const char *msg)
{
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, kp_rules_current_line(L, rules_path(L)));
    lua_setfield(L, -2, "line");
    lua_pushstring(L, msg);
    lua_setfield(L, -2, "msg");
    append(L, "problems");
}

/* kaoping.problem(message): a mistake found by library code. */
static int lang_problem(lua_State *L)
{
    record_problem(L, luaL_checkstring(L, 1));
    return 0;
}

/* assessment { year = ..., title = ..., grades = {...} } */
static int lang_assessment(lua_State *L)
{
    if (!lua_istable(L, 1)) {
        record_problem(L, "assessment expects a table: assessment { year = 2023, title = \"...\", "
                          "grades = { ... } }");
        return 0;
    }
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, kp_rules_current_line(L, rules_path(L)));
    lua_setfield(L, -2, "line");
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "body");
    append(L, "assessments");
    return 0;
}

/* The second half of `area "x" { ... }`: upvalues id, line. */
static int lang_area_body(lua_State *L)
{
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_setfield(L, -2, "id");
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_setfield(L, -2, "line");
    if (lua_istable(L, 1)) {
        lua_pushvalue(L, 1);
        lua_setfield(L, -2, "body");
    }
    append(L, "areas");
    return 0;
}

static int lang_area(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TSTRING) {
        record_problem(L, "area needs its id first: area \"<plugin id>\" { ... }");
        lua_pushnil(L);
        lua_pushinteger(L, kp_rules_current_line(L, rules_path(L)));
    } else {
        lua_pushvalue(L, 1);
        lua_pushinteger(L, kp_rules_current_line(L, rules_path(L)));
    }
    lua_pushcclosure(L, lang_area_body, 2);
    return 1;
}

/* The second half of `indicator "x" { ... }`: upvalues kind, id, line.
 * Returns the declaration, marked so that rules.c can tell it from any
 * other value in an area's list. */
static int lang_item_body(lua_State *L)
{
    lua_createtable(L, 0, 4);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_setfield(L, -2, "kind");
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_setfield(L, -2, "id");
    lua_pushvalue(L, lua_upvalueindex(3));
    lua_setfield(L, -2, "line");
    if (lua_istable(L, 1)) {
        lua_pushvalue(L, 1);
        lua_setfield(L, -2, "body");
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kp_rules_key_item);
    lua_setmetatable(L, -2);
    return 1;
}

static int item_verb(lua_State *L, enum kp_item_kind k)
{
    const char *kind = kp_item_kind_name(k);
    if (lua_type(L, 1) != LUA_TSTRING) {
        char msg[200];
        snprintf(msg, sizeof msg, "%s needs its id first: %s \"<id>\" { ... }", kind, kind);
        record_problem(L, msg);
        lua_pushstring(L, kind);
        lua_pushnil(L);
    } else {
        lua_pushstring(L, kind);
        lua_pushvalue(L, 1);
    }
    lua_pushinteger(L, kp_rules_current_line(L, rules_path(L)));
    lua_pushcclosure(L, lang_item_body, 3);
    return 1;
}

static int lang_indicator(lua_State *L) { return item_verb(L, KP_ITEM_INDICATOR); }
static int lang_bonus(lua_State *L) { return item_verb(L, KP_ITEM_BONUS); }
static int lang_deduction(lua_State *L) { return item_verb(L, KP_ITEM_DEDUCTION); }
static int lang_veto(lua_State *L) { return item_verb(L, KP_ITEM_VETO); }

/* One verb per item kind, named as the kind is. */
static const lua_CFunction item_verbs[KP_ITEM_KINDS] = {
    [KP_ITEM_INDICATOR] = lang_indicator,
    [KP_ITEM_BONUS] = lang_bonus,
    [KP_ITEM_DEDUCTION] = lang_deduction,
    [KP_ITEM_VETO] = lang_veto,
};

/* Protected: the declaration table and the item marker. */
static int setup_registry(lua_State *L)
{
    lua_createtable(L, 0, 3);
    lua_newtable(L);
    lua_setfield(L, -2, "assessments");
    lua_newtable(L);
    lua_setfield(L, -2, "areas");
    lua_newtable(L);
    lua_setfield(L, -2, "problems");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kp_rules_key_decl);
    lua_createtable(L, 0, 1);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kp_rules_key_item);
    return 0;
}

int kp_rules_lang_install(kp_sandbox *sb, kp_err *e)
{
    if (kp_sandbox_protect(sb, setup_registry, NULL, e) < 0 ||
        kp_sandbox_register(sb, "problem", lang_problem, e) < 0 ||
        kp_sandbox_register_global(sb, "assessment", lang_assessment, e) < 0 ||
        kp_sandbox_register_global(sb, "area", lang_area, e) < 0)
        return -1;
    for (int k = 0; k < KP_ITEM_KINDS; k++)
        if (kp_sandbox_register_global(sb, kp_item_kind_name((enum kp_item_kind)k), item_verbs[k],
                                       e) < 0)
            return -1;
    return 0;
}
