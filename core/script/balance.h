/*
 * balance.h — debug-build checks that a C function bridging to Lua leaves
 * the Lua stack as it promised.
 *
 *   KP_LUA_BALANCED(L);          at the start: remember the top
 *   ...
 *   KP_LUA_BALANCE_IS(L, n);     before returning: exactly n values more
 *
 * A bridge function that leaks or eats stack slots corrupts whatever its
 * caller reads next by index, which is how a wrong value reaches C without
 * a type check.  Both macros compile to nothing under NDEBUG.
 */
#ifndef KP_SCRIPT_BALANCE_H
#define KP_SCRIPT_BALANCE_H

#include <assert.h>
#include <lua.h>

#ifdef NDEBUG
#define KP_LUA_BALANCED(L) ((void)0)
#define KP_LUA_BALANCE_IS(L, n) ((void)0)
#else
#define KP_LUA_BALANCED(L) const int kp_lua_top_ = lua_gettop(L)
#define KP_LUA_BALANCE_IS(L, n) assert(lua_gettop(L) == kp_lua_top_ + (n))
#endif

#endif
