/* wording.c — problem phrases in Chinese (see wording.h). */
#include "web/wording.h"

#include <string.h>

static const char *const phrases[][2] = {
    {"expected 是/否, 1/0, Y/N or true/false", "应填 是/否、1/0、Y/N 或 true/false"},
    {"expected a date like 2023-05-29, 2023/5/29, 2023.5.29 or 2023年5月29日",
     "应为日期，如 2023-05-29、2023/5/29、2023.5.29 或 2023年5月29日"},
    {"expected a date that exists (month 1 to 12, a day that month has)",
     "日期不存在（月份为 1 到 12，日为该月有的日子）"},
    {"expected a date with a year from 1900 to 2999", "日期的年份应在 1900 到 2999 之间"},
    {"expected a whole number like 12 or -3", "应为整数，如 12 或 -3"},
    {"expected a whole number of 0 or more, like 12", "应为 0 或以上的整数，如 12"},
    {"expected a whole number from 0 to 9223372036854775807", "应为 0 或以上的整数，且不能过大"},
    {"expected a number like 12, 3.5 or -0.25", "应为数字，如 12、3.5 或 -0.25"},
    {"expected a number of 0 or more, like 12 or 3.5", "应为 0 或以上的数字，如 12 或 3.5"},
    {"expected a number of a sensible size (this one is too large to hold)", "数字过大"},
    {"expected a year from 1900 to 2999, like 2023 or 2023年", "应为 1900 到 2999 之间的年份，如 2023 或 2023年"},
    {"a value is required here; the field is empty", "此处必须填写，不能为空"},
    {" is not allowed; expected one of ", " 不是允许的值，应为以下之一："},
    {" is not in units.csv", " 不在单位表（units.csv）中"},
    {"unit code ", "单位代码 "},
    {" is a ", " 是"},
    {"-level unit; this column takes ", "级单位，此列只接受"},
    {" units", "级单位"},
    {"unknown column ", "未知的列 "},
    {" (did you mean ", "（是否应为 "},
    {"?); table ", "？）；表 "},
    {"; table ", "；表 "},
    {" has: ", " 的列为："},
    {" appears twice in the header", " 在表头中出现了两次"},
    {"the header lacks required column ", "表头缺少必填列 "},
    {"this row has the same key as line ", "这一行与本次导入第 "},
    {" of this import but other values; keep one of them", " 行的关键字段相同但内容不同，请只保留一行"},
    {"the row has ", "这一行有 "},
    {" fields; the header has ", " 个字段，表头有 "},
    {"no loaded plugin has a table ", "没有这张报表："},
    {"; name the file after its table (see 'kaoping plugins') or give it as TABLE=",
     "。文件名须为表名，如 units.csv；收到的文件："},
};

/* A quoted value is the user's own text: copied as it is, never translated. */
static const char *copy_quoted(const char *msg, char *out, size_t n, size_t *at)
{
    const char *end = strchr(msg + 1, '"');
    size_t len = end ? (size_t)(end - msg) + 1 : strlen(msg);
    if (*at + len >= n)
        len = n - *at - 1;
    memcpy(out + *at, msg, len);
    *at += len;
    return msg + len;
}

/* Cut short: the length of out[0..at) without a trailing partial UTF-8 sequence. */
static size_t utf8_whole(const char *out, size_t at)
{
    size_t k = at;
    while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
        k--;
    if (k == 0)
        return at;
    unsigned char lead = (unsigned char)out[k - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return at - (k - 1) < need ? k - 1 : at;
}

void kp_wording_zh(const char *msg, char *out, size_t n)
{
    size_t at = 0;
    const size_t count = sizeof phrases / sizeof phrases[0];
    while (*msg && at + 1 < n) {
        if (*msg == '"') {
            msg = copy_quoted(msg, out, n, &at);
            continue;
        }
        size_t i;
        for (i = 0; i < count; i++) {
            size_t len = strlen(phrases[i][0]);
            if (!strncmp(msg, phrases[i][0], len)) {
                size_t zl = strlen(phrases[i][1]);
                if (at + zl >= n)
                    i = count; /* no room: copy the rest as it is */
                else {
                    memcpy(out + at, phrases[i][1], zl);
                    at += zl;
                    msg += len;
                }
                break;
            }
        }
        if (i == count)
            out[at++] = *msg++;
    }
    if (*msg)
        at = utf8_whole(out, at);
    out[at] = '\0';
}
