/* test_number.c — numbers as people and programs read them (util/number.h). */
#include "check.h"
#include "util/number.h"

static void for_people(void)
{
    char b[64];
    CHECK_STR_EQ(kp_number(b, sizeof b, 37506, 2, 1), "37,506");
    CHECK_STR_EQ(kp_number(b, sizeof b, 1234567.891, 2, 1), "1,234,567.89");
    CHECK_STR_EQ(kp_number(b, sizeof b, -1234.5, 2, 1), "-1,234.5");
    CHECK_STR_EQ(kp_number(b, sizeof b, 999, 2, 1), "999");
    CHECK_STR_EQ(kp_number(b, sizeof b, 10, 2, 0), "10");
    CHECK_STR_EQ(kp_number(b, sizeof b, 57.142857, 2, 0), "57.14");
    CHECK_STR_EQ(kp_number(b, sizeof b, -0.001, 2, 0), "0");
    CHECK_STR_EQ(kp_number_measure(b, sizeof b, 37506, "人"), "37,506人");
    CHECK_STR_EQ(kp_number_measure(b, sizeof b, 100.0 / 3, "%"), "33.33%");
    CHECK_STR_EQ(kp_number_measure(b, sizeof b, 1, "是否"), "是");
    CHECK_STR_EQ(kp_number_measure(b, sizeof b, 0, "是否"), "否");
    CHECK_STR_EQ(kp_number_measure(b, sizeof b, 2.5, NULL), "2.5");
}

static void for_programs(void)
{
    char b[64];
    CHECK_STR_EQ(kp_number_data(b, sizeof b, 98.23999999999999), "98.24");
    CHECK_STR_EQ(kp_number_data(b, sizeof b, 37506), "37506");
    CHECK_STR_EQ(kp_number_data(b, sizeof b, 1e16), "10000000000000000");
    CHECK_STR_EQ(kp_number_data(b, sizeof b, 1.0 / 3), "0.3333333333");
    CHECK(kp_number_clean(98.23999999999999) == 98.24);
    CHECK(kp_number_clean(10) == 10);
}

int main(void)
{
    for_people();
    for_programs();
    return check_status();
}
