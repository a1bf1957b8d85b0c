/*
 * test_values.c — the field parsers at their edges: what each accepts, what
 * it stores, and the phrase it gives for what it refuses.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "csv/values.h"

#define LEN(s) strlen(s)

static void test_trim(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"  a b  ", "a b"}, {"\t12\t", "12"}, {"　是　", "是"}, {" 　 x　 ", "x"}, {"   ", ""}, {"", ""},
        {"　", ""}, {"a　b", "a　b"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i].in;
        size_t len = strlen(s);
        kp_trim(&s, &len);
        CHECK_INT_EQ(len, strlen(cases[i].out));
        CHECK(len == strlen(cases[i].out) && memcmp(s, cases[i].out, len) == 0);
    }
}

static void check_bool(const char *s, int want)
{
    int v = -1;
    const char *expected = NULL;
    int r = kp_parse_bool(s, LEN(s), &v, &expected);
    if (want < 0) {
        CHECK_INT_EQ(r, -1);
        CHECK_INT_EQ(v, -1);
        CHECK_STR_EQ(expected, "expected 是/否, 1/0, Y/N or true/false");
    } else {
        CHECK_INT_EQ(r, 0);
        CHECK_INT_EQ(v, want);
        if (r != 0)
            fprintf(stderr, "  refused: \"%s\"\n", s);
    }
}

static void test_bool(void)
{
    const char *yes[] = {"1", "是", "true", "TRUE", "True", "Y", "y", " Y ", "　是　"};
    const char *no[] = {"0", "否", "false", "FaLsE", "N", "n", "\t0\t"};
    const char *bad[] = {"", " ", "yes", "no", "2", "是的", "t", "YY", "1.0", "真", "10"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        check_bool(yes[i], 1);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        check_bool(no[i], 0);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_bool(bad[i], -1);
}

/* want: the ISO date, or the start of the expected phrase when refused. */
static void check_date(const char *s, int ok, const char *want)
{
    char out[KP_DATE_SIZE] = "unchanged";
    const char *expected = NULL;
    int r = kp_parse_date(s, LEN(s), out, &expected);
    CHECK_INT_EQ(r, ok ? 0 : -1);
    if (ok) {
        CHECK_STR_EQ(out, want);
    } else {
        CHECK_STR_EQ(out, "unchanged");
        CHECK_STR_CONTAINS(expected, want);
    }
    if (r != (ok ? 0 : -1))
        fprintf(stderr, "  date \"%s\"\n", s);
}

static void test_date(void)
{
    check_date("2023-05-29", 1, "2023-05-29");
    check_date("2023/5/29", 1, "2023-05-29");
    check_date("2023.5.29", 1, "2023-05-29");
    check_date("2023年5月29日", 1, "2023-05-29");
    check_date("2023年5月9日", 1, "2023-05-09");
    check_date("2023年05月09日", 1, "2023-05-09");
    check_date(" 2023/1/1　", 1, "2023-01-01");
    /* Leap years: every fourth, not centuries, but every fourth century. */
    check_date("2024-02-29", 1, "2024-02-29");
    check_date("2000-02-29", 1, "2000-02-29");
    check_date("2023-02-29", 0, "expected a date that exists");
    check_date("1900-02-29", 0, "expected a date that exists");
    check_date("2100-02-29", 0, "expected a date that exists");
    check_date("2023-02-28", 1, "2023-02-28");
    check_date("2023-04-31", 0, "expected a date that exists");
    check_date("2023-12-31", 1, "2023-12-31");
    check_date("2023-13-01", 0, "expected a date that exists");
    check_date("2023-00-10", 0, "expected a date that exists");
    check_date("2023-01-00", 0, "expected a date that exists");
    check_date("2023年13月1日", 0, "expected a date that exists");
    /* Years 1900..2999. */
    check_date("1900-01-01", 1, "1900-01-01");
    check_date("2999-12-31", 1, "2999-12-31");
    check_date("1899-12-31", 0, "expected a date with a year from 1900 to 2999");
    check_date("3000-01-01", 0, "expected a date with a year from 1900 to 2999");
    /* Shapes that are not dates. */
    const char *form = "expected a date like 2023-05-29, 2023/5/29, 2023.5.29 or 2023年5月29日";
    const char *bad[] = {"", "2023", "2023-5/29", "23-5-29", "02023-5-29", "2023-005-29", "2023-5-290",
                         "2023年5月29", "2023年5-29", "2023-05-29x", "2023-05-29 10:00", "2023 05 29",
                         "29/5/2023", "-2023-05-29", "2023--29", "２０２３-05-29", "2023年5月29日日"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_date(bad[i], 0, form);
}

static void check_int(const char *s, int allow_negative, int ok, int64_t want, const char *phrase)
{
    int64_t v = 42;
    const char *expected = NULL;
    int r = kp_parse_int(s, LEN(s), allow_negative, &v, &expected);
    CHECK_INT_EQ(r, ok ? 0 : -1);
    if (ok) {
        CHECK(v == want);
    } else {
        CHECK(v == 42);
        CHECK_STR_EQ(expected, phrase);
    }
    if (r != (ok ? 0 : -1))
        fprintf(stderr, "  int \"%s\"\n", s);
}

static void test_int(void)
{
    const char *uint_phrase = "expected a whole number of 0 or more, like 12";
    const char *int_phrase = "expected a whole number like 12 or -3";
    const char *uint_range = "expected a whole number from 0 to 9223372036854775807";
    const char *int_range = "expected a whole number from -9223372036854775808 to 9223372036854775807";
    check_int("12", 0, 1, 12, NULL);
    check_int(" 12 ", 0, 1, 12, NULL);
    check_int("　12　", 0, 1, 12, NULL);
    check_int("0", 0, 1, 0, NULL);
    check_int("007", 0, 1, 7, NULL);
    check_int("+7", 0, 1, 7, NULL);
    check_int("-1", 0, 0, 0, uint_phrase);
    check_int("-0", 0, 0, 0, uint_phrase);
    check_int("-1", 1, 1, -1, NULL);
    check_int("9223372036854775807", 0, 1, INT64_MAX, NULL);
    check_int("9223372036854775808", 0, 0, 0, uint_range);
    check_int("99999999999999999999999", 0, 0, 0, uint_range);
    check_int("9223372036854775808", 1, 0, 0, int_range);
    check_int("-9223372036854775808", 1, 1, INT64_MIN, NULL);
    check_int("-9223372036854775809", 1, 0, 0, int_range);
    const char *bad[] = {"", " ", "+", "-", "1.5", "12.0", "1e3", "0x10", "1 2", "12abc", "1,234", "１２", "--1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        check_int(bad[i], 0, 0, 0, uint_phrase);
        check_int(bad[i], 1, 0, 0, int_phrase);
    }
}

static void check_real(const char *s, int allow_negative, int ok, double want, const char *phrase)
{
    double v = 42;
    const char *expected = NULL;
    int r = kp_parse_real(s, LEN(s), allow_negative, &v, &expected);
    CHECK_INT_EQ(r, ok ? 0 : -1);
    if (ok) {
        CHECK_NUM_EQ(v, want, 0);
    } else {
        CHECK_NUM_EQ(v, 42, 0);
        CHECK_STR_EQ(expected, phrase);
    }
    if (r != (ok ? 0 : -1))
        fprintf(stderr, "  real \"%s\"\n", s);
}

static void test_real(void)
{
    const char *ureal = "expected a number of 0 or more, like 12 or 3.5";
    const char *real = "expected a number like 12, 3.5 or -0.25";
    const char *range = "expected a number of a sensible size (this one is too large to hold)";
    check_real("3.5", 0, 1, 3.5, NULL);
    check_real(" 12 ", 0, 1, 12, NULL);
    check_real("0.1", 0, 1, 0.1, NULL);
    check_real(".5", 0, 1, 0.5, NULL);
    check_real("5.", 0, 1, 5, NULL);
    check_real("+2.25", 0, 1, 2.25, NULL);
    check_real("1.5E+07", 0, 1, 15000000, NULL);
    check_real("2e-3", 0, 1, 0.002, NULL);
    check_real("1e-400", 0, 1, 0, NULL);
    check_real("1e308", 0, 1, 1e308, NULL);
    check_real("-0.25", 1, 1, -0.25, NULL);
    check_real("-0.25", 0, 0, 0, ureal);
    check_real("1e400", 0, 0, 0, range);
    check_real("-1e400", 1, 0, 0, range);
    const char *bad[] = {"", ".", "-", "e5", "1e", "1e+", "nan", "NaN", "inf", "-inf", "infinity", "0x1p3",
                         "0x10", "1,5", "1.2.3", "3.5元", "1 000", "１.5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        check_real(bad[i], 0, 0, 0, ureal);
        check_real(bad[i], 1, 0, 0, real);
    }
    /* Longer than any real figure: refused rather than cut. */
    char longnum[200];
    memset(longnum, '1', sizeof longnum - 1);
    longnum[sizeof longnum - 1] = '\0';
    check_real(longnum, 0, 0, 0, ureal);
}

static void check_year(const char *s, int ok, int want)
{
    int v = 42;
    const char *expected = NULL;
    int r = kp_parse_year(s, LEN(s), &v, &expected);
    CHECK_INT_EQ(r, ok ? 0 : -1);
    CHECK_INT_EQ(v, ok ? want : 42);
    if (!ok)
        CHECK_STR_EQ(expected, "expected a year from 1900 to 2999, like 2023 or 2023年");
    if (r != (ok ? 0 : -1))
        fprintf(stderr, "  year \"%s\"\n", s);
}

static void test_year(void)
{
    check_year("2023", 1, 2023);
    check_year(" 2023　", 1, 2023);
    check_year("2023年", 1, 2023);
    check_year("1900", 1, 1900);
    check_year("2999", 1, 2999);
    const char *bad[] = {"1899", "3000", "", "23", "20231", "2023年度", "2023.0", "-2023", "年", "２０２３"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_year(bad[i], 0, 0);
}

int main(void)
{
    test_trim();
    test_bool();
    test_date();
    test_int();
    test_real();
    test_year();
    return check_status();
}
