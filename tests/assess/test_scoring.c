/*
 * test_scoring.c — the scoring library (scripts/lib) at its edges, run in
 * the sandbox by scoring_test.lua; and ranking with ties.
 */
#include <string.h>

#include "assess/assess.h"
#include "check.h"
#include "script/sandbox.h"

/* kaoping.problem for the test: append to the global `problems` of the
 * test's environment (passed as the upvalue-free registry field). */
static int record_problem(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "test.problems");
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
    return 0;
}

static int make_problems(lua_State *L)
{
    (void)L;
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "test.problems");
    return 0;
}

static int expose_problems(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "test.problems");
    return 1;
}

static void ranking(void)
{
    double scores[] = {90, 95, 95, 80, 95.004, 100};
    int ranks[6];
    kp_assess_rank(scores, 6, ranks);
    /* 100 first; three at 95.00 (to the cent) share 2nd; then 5th, 6th. */
    CHECK_INT_EQ(ranks[5], 1);
    CHECK_INT_EQ(ranks[1], 2);
    CHECK_INT_EQ(ranks[2], 2);
    CHECK_INT_EQ(ranks[4], 2);
    CHECK_INT_EQ(ranks[0], 5);
    CHECK_INT_EQ(ranks[3], 6);
    double one[] = {0};
    kp_assess_rank(one, 1, ranks);
    CHECK_INT_EQ(ranks[0], 1);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_scoring LIBDIR scoring_test.lua\n");
        return 2;
    }
    kp_sandbox *sb;
    kp_err e;
    CHECK_INT_EQ(kp_sandbox_new(&sb, NULL, &e), 0);
    CHECK_INT_EQ(kp_sandbox_protect(sb, make_problems, NULL, &e), 0);
    CHECK_INT_EQ(kp_sandbox_register(sb, "problem", record_problem, &e), 0);
    CHECK_INT_EQ(kp_sandbox_register_global(sb, "test_problems", expose_problems, &e), 0);
    int rc = kp_sandbox_load_library_dir(sb, argv[1], &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    CHECK_INT_EQ(rc, 0);
    const char *prelude = "problems = test_problems()\n";
    char code[1 << 16];
    FILE *f = fopen(argv[2], "rb");
    CHECK(f != NULL);
    size_t n = f ? fread(code, 1, sizeof code - 64, f) : 0;
    if (f)
        fclose(f);
    code[n] = 0;
    char all[(1 << 16) + 64];
    snprintf(all, sizeof all, "%s%s", prelude, code);
    rc = kp_sandbox_run_string(sb, "scoring_test.lua", all, strlen(all), 0, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    CHECK_INT_EQ(rc, 0);
    kp_sandbox_free(sb);
    ranking();
    return check_status();
}
