/*
 * test_wording.c — import problems in Chinese: known phrases translated, the
 * user's quoted values untouched, unknown text kept, and a message cut short
 * never ends inside a character.
 */
#include <string.h>

#include "check.h"
#include "web/wording.h"

static void expect(const char *msg, const char *want)
{
    char out[512];
    kp_wording_zh(msg, out, sizeof out);
    CHECK_STR_EQ(out, want);
}

int main(void)
{
    expect("\"2023-02-30\": expected a date that exists (month 1 to 12, a day that month has)",
           "\"2023-02-30\": 日期不存在（月份为 1 到 12，日为该月有的日子）");
    expect("a value is required here; the field is empty", "此处必须填写，不能为空");
    expect("\"a value is required here\" is not allowed; expected one of 宣讲, 培训",
           "\"a value is required here\" 不是允许的值，应为以下之一：宣讲, 培训");
    expect("unit code \"4201\" is not in units.csv", "单位代码 \"4201\" 不在单位表（units.csv）中");
    expect("something new", "something new");
    char small[8];
    kp_wording_zh("此处必须填写", small, sizeof small); /* 3 bytes a character */
    CHECK_STR_EQ(small, "此处");
    return check_status();
}
