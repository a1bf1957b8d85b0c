/*
 * check.h — the assertions kaoping's C tests use.
 *
 * A failed CHECK prints file:line and the expression (and for the _EQ forms
 * both values) and marks the test failed; the test keeps going so one run
 * shows every failure.  main() ends with `return check_status();`.
 */
#ifndef KP_TESTS_CHECK_H
#define KP_TESTS_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond) do { check_count++; if (!(cond)) { check_failures++; \
    fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

#define CHECK_INT_EQ(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
    check_count++; if (a_ != b_) { check_failures++; \
    fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b, a_, b_); } } while (0)

#define CHECK_NUM_EQ(a, b, eps) do { double a_ = (double)(a), b_ = (double)(b); \
    check_count++; if (!(fabs(a_ - b_) <= (eps))) { check_failures++; \
    fprintf(stderr, "%s:%d: %s == %s failed: %.10g != %.10g\n", __FILE__, __LINE__, #a, #b, a_, b_); } } while (0)

#define CHECK_STR_EQ(a, b) do { const char *a_ = (a), *b_ = (b); check_count++; \
    if (!a_ || !b_ || strcmp(a_, b_)) { check_failures++; \
    fprintf(stderr, "%s:%d: %s == %s failed:\n  got:      %s\n  expected: %s\n", __FILE__, __LINE__, \
            #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } } while (0)

#define CHECK_STR_CONTAINS(hay, needle) do { const char *h_ = (hay), *n_ = (needle); check_count++; \
    if (!h_ || !strstr(h_, n_)) { check_failures++; \
    fprintf(stderr, "%s:%d: %s does not contain \"%s\":\n  %s\n", __FILE__, __LINE__, #hay, n_, \
            h_ ? h_ : "(null)"); } } while (0)

static inline int check_status(void)
{
    if (check_count == 0) {
        fprintf(stderr, "no checks ran\n");
        return 1;
    }
    fprintf(stderr, "%d checks, %d failed\n", check_count, check_failures);
    return check_failures ? 1 : 0;
}

#endif
