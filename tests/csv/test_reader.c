/*
 * test_reader.c — the CSV reader as the importer sees it: records, fields,
 * lines, encodings and the messages for files it must refuse.
 *
 * Usage: test_reader <dir with the fixtures>
 */
#include <iconv.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "csv/csv.h"
#include "util/buf.h"

static const char *fixtures;

/*
 * Read all of `data` with the given chunk size (0: default) and field limit
 * (0: default); out gets one "LINE:[f1|f2|...]" line per record.  Returns the
 * last kp_csv_next() result (0 at a clean end, -1 after an error in e).
 */
static int dump_limited(const char *data, size_t len, size_t chunk, size_t max_field, size_t max_fields,
                        kp_buf *out, char *encoding, kp_err *e)
{
    kp_csv *c;
    kp_buf_clear(out);
    if (kp_csv_open_memory(&c, "t.csv", data, len, e) < 0)
        return -2;
    kp_csv_limits lim = {max_field, max_fields, chunk};
    if (kp_csv_set_limits(c, &lim, e) < 0) {
        kp_csv_close(c);
        return -2;
    }
    int r;
    while ((r = kp_csv_next(c, e)) == 1) {
        kp_buf_printf(out, "%ld:[", kp_csv_line(c));
        for (size_t i = 0; i < kp_csv_nfields(c); i++) {
            size_t flen;
            const char *f = kp_csv_field(c, i, &flen);
            if (i)
                kp_buf_putc(out, '|');
            kp_buf_append(out, f, flen);
            /* The NUL after the field is part of the contract. */
            if (f[flen] != '\0')
                kp_buf_puts(out, "<no NUL>");
        }
        kp_buf_puts(out, "]\n");
    }
    if (encoding)
        snprintf(encoding, 32, "%s", kp_csv_encoding(c));
    kp_csv_close(c);
    return r;
}

static int dump(const char *data, size_t chunk, kp_buf *out, kp_err *e)
{
    return dump_limited(data, strlen(data), chunk, 0, 0, out, NULL, e);
}

/* The same text read with several chunk sizes must give the same records. */
static void check_records(const char *data, const char *expected)
{
    static const size_t chunks[] = {0, 1, 2, 3, 5, 64};
    kp_buf out;
    kp_buf_init(&out, 0);
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        kp_err e = {{0}};
        int r = dump(data, chunks[i], &out, &e);
        CHECK_INT_EQ(r, 0);
        if (r != 0)
            fprintf(stderr, "  chunk %zu: %s\n", chunks[i], e.msg);
        CHECK_STR_EQ(out.data, expected);
    }
    kp_buf_free(&out);
}

/* Read `data` expecting an error; returns its message (static storage). */
static const char *error_of(const char *data, size_t len, size_t chunk)
{
    static kp_err e;
    kp_buf out;
    kp_buf_init(&out, 0);
    memset(&e, 0, sizeof e);
    int r = dump_limited(data, len, chunk, 0, 0, &out, NULL, &e);
    CHECK_INT_EQ(r, -1);
    kp_buf_free(&out);
    return e.msg;
}

static char *to_gb18030(const char *utf8, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16;
    char *out = malloc(cap), *ip = (char *)utf8, *op = out;
    size_t il = len, ol = cap;
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
        free(out);
        out = NULL;
    } else {
        *out_len = cap - ol;
    }
    iconv_close(cd);
    return out;
}

static void test_plain_and_quoted(void)
{
    check_records("a,b,c\n1,2,3\n", "1:[a|b|c]\n2:[1|2|3]\n");
    /* Embedded commas and doubled quotes. */
    check_records("\"a,b\",\"say \"\"hi\"\"\",c\n", "1:[a,b|say \"hi\"|c]\n");
    check_records("\"\",\"\"\"\"\n", "1:[|\"]\n");
    /* Line breaks inside quotes become \n, and the next record's line counts them. */
    check_records("x,\"one\ntwo\"\ny,\"three\r\nfour\rfive\"\nz,1\n",
                  "1:[x|one\ntwo]\n3:[y|three\nfour\nfive]\n6:[z|1]\n");
    /* A quote inside an unquoted field is data (a hand-edited 5"). */
    check_records("屏幕,5\"寸,a\"b\"\n", "1:[屏幕|5\"寸|a\"b\"]\n");
    /* Empty fields, and a line of commas is a record of empty fields. */
    check_records(",a,\n,,\n", "1:[|a|]\n2:[||]\n");
}

static void test_line_ends(void)
{
    check_records("a,b\r\nc,d\r\n", "1:[a|b]\n2:[c|d]\n");
    check_records("a\rb\rc", "1:[a]\n2:[b]\n3:[c]\n");
    /* The last line may lack its line end, also after a quoted field or a comma. */
    check_records("a,b\nc,d", "1:[a|b]\n2:[c|d]\n");
    check_records("a,\"b\"", "1:[a|b]\n");
    check_records("a,b\nc,", "1:[a|b]\n2:[c|]\n");
    /* Empty lines are skipped, and line numbers stay physical. */
    check_records("\n\na,b\n\n\r\n\nc\n\n", "3:[a|b]\n7:[c]\n");
    check_records("", "");
    check_records("\r\n\n", "");
}

static void test_bom_and_encoding_names(void)
{
    kp_buf out;
    kp_buf_init(&out, 0);
    kp_err e = {{0}};
    char enc[32];
    const char *bom = "\xEF\xBB\xBF单位,日期\n1,2\n";
    CHECK_INT_EQ(dump_limited(bom, strlen(bom), 0, 0, 0, &out, enc, &e), 0);
    CHECK_STR_EQ(out.data, "1:[单位|日期]\n2:[1|2]\n");
    CHECK_STR_EQ(enc, "UTF-8 with BOM");

    const char *plain = "单位,日期\n";
    CHECK_INT_EQ(dump_limited(plain, strlen(plain), 0, 0, 0, &out, enc, &e), 0);
    CHECK_STR_EQ(enc, "UTF-8");
    const char *ascii = "unit,date\n";
    CHECK_INT_EQ(dump_limited(ascii, strlen(ascii), 0, 0, 0, &out, enc, &e), 0);
    CHECK_STR_EQ(enc, "UTF-8");
    kp_buf_free(&out);
}

static void test_offset_and_size(void)
{
    kp_err e;
    kp_csv *c;
    const char *data = "a,b\n\"c\nd\",e\n";
    CHECK_INT_EQ(kp_csv_open_memory(&c, "mem.csv", data, strlen(data), &e), 0);
    CHECK_STR_EQ(kp_csv_name(c), "mem.csv");
    CHECK_INT_EQ(kp_csv_size(c), strlen(data));
    CHECK_INT_EQ(kp_csv_offset(c), 0);
    CHECK_INT_EQ(kp_csv_next(c, &e), 1);
    CHECK_INT_EQ(kp_csv_nfields(c), 2);
    size_t len = 99;
    CHECK(kp_csv_field(c, 2, &len) == NULL);
    CHECK_INT_EQ(len, 0);
    CHECK_INT_EQ(kp_csv_next(c, &e), 1);
    CHECK_STR_EQ(kp_csv_field(c, 0, NULL), "c\nd");
    CHECK_INT_EQ(kp_csv_next(c, &e), 0);
    CHECK_INT_EQ(kp_csv_next(c, &e), 0);
    CHECK_INT_EQ(kp_csv_offset(c), strlen(data));
    /* Limits are fixed once reading has begun. */
    kp_csv_limits lim = {10, 10, 10};
    CHECK_INT_EQ(kp_csv_set_limits(c, &lim, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "before the first record");
    kp_csv_close(c);

    /* A chunk too large to size buffers from is refused, not allocated. */
    CHECK_INT_EQ(kp_csv_open_memory(&c, "mem.csv", data, strlen(data), &e), 0);
    kp_csv_limits huge = {0, 0, (size_t)-1};
    CHECK_INT_EQ(kp_csv_set_limits(c, &huge, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "mem.csv: a chunk of");
    CHECK_INT_EQ(kp_csv_next(c, &e), 1);
    kp_csv_close(c);
}

static void test_quote_errors(void)
{
    const char *unterminated = "unit,title\n330102,ok\n330103,\"open\nstill open\n330104,x\n";
    for (size_t chunk = 0; chunk < 4; chunk++) {
        const char *m = error_of(unterminated, strlen(unterminated), chunk);
        CHECK_STR_CONTAINS(m, "t.csv:3: ");
        CHECK_STR_CONTAINS(m, "closing quote is missing");
    }
    const char *junk = "a,b\n\"x\" ,y\n";
    const char *m = error_of(junk, strlen(junk), 0);
    CHECK_STR_CONTAINS(m, "t.csv:2: ");
    CHECK_STR_CONTAINS(m, "after the closing quote");
    /* The junk is reported at its own line, not where the field began. */
    const char *junk2 = "a\n\"x\ny\"z\n";
    CHECK_STR_CONTAINS(error_of(junk2, strlen(junk2), 1), "t.csv:3: ");
}

static void test_limits(void)
{
    kp_buf out;
    kp_buf_init(&out, 0);
    kp_err e = {{0}};
    /* A field of exactly the limit is fine; one byte more is not. */
    const char *ten = "a,0123456789\nb,01234567890\n";
    CHECK_INT_EQ(dump_limited(ten, strlen(ten), 3, 10, 0, &out, NULL, &e), -1);
    CHECK_STR_EQ(out.data, "1:[a|0123456789]\n");
    CHECK_STR_CONTAINS(e.msg, "t.csv:2: a field longer than 10 bytes");
    /* A quoted field running away names the line where it began. */
    const char *runaway = "a\n\"x\nyyyy\nzzzz\nwwww\n";
    CHECK_INT_EQ(dump_limited(runaway, strlen(runaway), 0, 10, 0, &out, NULL, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "t.csv:2: a quoted field starting on this line is longer than 10 bytes");

    const char *fields = "a,b,c\nd,e,f,g\n";
    CHECK_INT_EQ(dump_limited(fields, strlen(fields), 0, 0, 3, &out, NULL, &e), -1);
    CHECK_STR_EQ(out.data, "1:[a|b|c]\n");
    CHECK_STR_CONTAINS(e.msg, "t.csv:2: a record with more than 3 fields");
    /* A trailing comma is one more field too. */
    const char *trailing = "a,b,c,";
    CHECK_INT_EQ(dump_limited(trailing, strlen(trailing), 0, 0, 3, &out, NULL, &e), -1);

    /* The default field limit is 1 MiB: a 2 MiB field is an error, not an allocation. */
    size_t big = (size_t)2 << 20;
    char *huge = malloc(big + 8);
    CHECK(huge != NULL);
    if (!huge) {
        kp_buf_free(&out);
        return;
    }
    memcpy(huge, "a\nb,", 4);
    memset(huge + 4, 'x', big);
    memcpy(huge + 4 + big, "\n", 2);
    CHECK_INT_EQ(dump_limited(huge, strlen(huge), 0, 0, 0, &out, NULL, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "t.csv:2: a field longer than 1048576 bytes");
    free(huge);
    kp_buf_free(&out);
}

static void test_invalid_utf8(void)
{
    /* Good Chinese text, then a stray byte on line 4: the records before it arrive, then the error. */
    const char *data = "单位,主题\n330102,家庭健康\n330103,优生优育\n330104,bad\xFF here\n330105,x\n";
    kp_buf out;
    kp_buf_init(&out, 0);
    kp_err e = {{0}};
    for (size_t chunk = 0; chunk < 4; chunk++) {
        CHECK_INT_EQ(dump_limited(data, strlen(data), chunk, 0, 0, &out, NULL, &e), -1);
        CHECK_STR_EQ(out.data, "1:[单位|主题]\n2:[330102|家庭健康]\n3:[330103|优生优育]\n");
        CHECK_STR_EQ(e.msg, "t.csv:4: invalid UTF-8 bytes (0xFF) in a file read as UTF-8; "
                            "save the file as UTF-8 or GBK");
    }
    /* A GBK word pasted into a UTF-8 file is reported, not decoded as GB18030 mojibake. */
    kp_buf text;
    kp_buf_init(&text, 0);
    kp_buf_puts(&text, "单位,主题\n");
    for (int i = 0; i < 20; i++)
        kp_buf_printf(&text, "3301%02d,家庭健康知识大讲堂\n", i);
    kp_buf_puts(&text, "330199,\xD6\xD0\xCE\xC4\n");
    CHECK_INT_EQ(dump_limited(text.data, text.len, 0, 0, 0, &out, NULL, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "t.csv:22: invalid UTF-8 bytes (0xD6 0xD0 0xCE 0xC4) in a file read as UTF-8");
    kp_buf_free(&text);

    /* Overlong forms and surrogates are not UTF-8 either. */
    const char *overlong = "单位单位单位单位\n\xC0\xAF\n";
    CHECK_STR_CONTAINS(error_of(overlong, strlen(overlong), 0), "t.csv:2: invalid UTF-8 bytes (0xC0 0xAF)");
    const char *surrogate = "单位单位单位单位单位\n\xED\xA0\x80\n";
    CHECK_STR_CONTAINS(error_of(surrogate, strlen(surrogate), 0), "t.csv:2: invalid UTF-8 bytes (0xED 0xA0 0x80)");

    /* Four-byte characters up to U+10FFFF are fine; beyond it they are not. */
    check_records("单位,😀,\xF4\x8F\xBF\xBF,\xEF\xBF\xBD\n", "1:[单位|😀|\xF4\x8F\xBF\xBF|\xEF\xBF\xBD]\n");
    const char *beyond = "单位单位单位单位单位\n\xF4\x90\x80\x80\n";
    CHECK_STR_CONTAINS(error_of(beyond, strlen(beyond), 0), "t.csv:2: invalid UTF-8 bytes (0xF4 0x90 0x80 0x80)");

    /* A character cut off by the end of the file. */
    const char *cut = "单位单位单位单位单位\n\xE5\x8D";
    CHECK_STR_CONTAINS(error_of(cut, strlen(cut), 1), "t.csv:2: invalid UTF-8 bytes (0xE5 0x8D) at the end of the file");
    /* With a byte order mark the message says why the file was read as UTF-8. */
    const char *bom = "\xEF\xBB\xBF" "a\nb\xB0\xA1\n";
    CHECK_STR_CONTAINS(error_of(bom, strlen(bom), 0), "t.csv:2: invalid UTF-8 bytes (0xB0 0xA1) in a file marked as UTF-8");
    kp_buf_free(&out);
}

static void test_gb18030_fixture(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/gbk_lectures.csv", fixtures);
    kp_err e = {{0}};
    kp_csv *c;
    CHECK_INT_EQ(kp_csv_open_file(&c, path, &e), 0);
    if (!c) {
        fprintf(stderr, "%s\n", e.msg);
        return;
    }
    CHECK_INT_EQ(kp_csv_size(c), 266);
    static const char *const expected[][5] = {
        {"1", "单位代码", "日期", "主题", "参加人数"},
        {"2", "330102", "2023-05-29", "家庭健康知识大讲堂：科学育儿", "120"},
        {"3", "330103", "2023/6/1", "\"优生优育\"进社区", "85"},
        {"4", "330104", "2023年7月11日", "世界人口日宣传,暨青春健康讲座", "200"},
        {"5", "330105", "2023.8.8", "婚育新风\n进万家", "45"},
        {"8", "330106", "2023-09-01", "罕见字㐀与𠀀（€）", "10"},
    };
    size_t n = 0;
    int r;
    while ((r = kp_csv_next(c, &e)) == 1) {
        if (n >= sizeof expected / sizeof expected[0]) {
            n++;
            continue;
        }
        CHECK_INT_EQ(kp_csv_line(c), atol(expected[n][0]));
        CHECK_INT_EQ(kp_csv_nfields(c), 4);
        for (size_t i = 0; i < 4 && i < kp_csv_nfields(c); i++)
            CHECK_STR_EQ(kp_csv_field(c, i, NULL), expected[n][i + 1]);
        n++;
    }
    CHECK_INT_EQ(r, 0);
    CHECK_INT_EQ(n, 6);
    CHECK_STR_EQ(kp_csv_encoding(c), "GB18030");
    CHECK_INT_EQ(kp_csv_offset(c), 266);
    kp_csv_close(c);
}

static void test_invalid_gb18030(void)
{
    /* Detected as GB18030 from its first lines; then bytes GB18030 has no reading for. */
    const char *good = "单位,主题\n330102,家庭健康知识大讲堂\n";
    size_t glen;
    char *gb = to_gb18030(good, strlen(good), &glen);
    CHECK(gb != NULL);
    if (!gb)
        return;
    static const struct {
        const char *tail;
        const char *message;
    } cases[] = {
        /* 0xFF is never part of GB18030. */
        {"330103,\xFF\n", "t.csv:3: invalid GB18030 bytes (0xFF) in a file read as GB18030 (GBK); "
                             "save the file as UTF-8 or GBK"},
        /* A lead byte followed by a comma: a character cut in two by a bad export. */
        {"330103,\xD6,1\n", "t.csv:3: invalid GB18030 bytes (0xD6)"},
        /* A four-byte sequence beyond Unicode. */
        {"\n\n330103,\xFE\x39\xFE\x39\n", "t.csv:5: invalid GB18030 bytes (0xFE"},
        /* A lead byte at the very end of the file. */
        {"330103,\xD6", "t.csv:3: invalid GB18030 bytes (0xD6) at the end of the file"},
    };
    kp_buf data, out;
    kp_buf_init(&data, 0);
    kp_buf_init(&out, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t chunk = 0; chunk < 3; chunk++) {
            kp_buf_clear(&data);
            kp_buf_append(&data, gb, glen);
            kp_buf_puts(&data, cases[i].tail);
            kp_err e = {{0}};
            char enc[32];
            CHECK_INT_EQ(dump_limited(data.data, data.len, chunk, 0, 0, &out, enc, &e), -1);
            CHECK_STR_EQ(out.data, "1:[单位|主题]\n2:[330102|家庭健康知识大讲堂]\n");
            CHECK_STR_CONTAINS(e.msg, cases[i].message);
            CHECK_STR_EQ(enc, "GB18030");
        }
    }
    kp_buf_free(&data);
    kp_buf_free(&out);
    free(gb);
}

/* A long ASCII start does not fix the encoding: the first Chinese text decides. */
static void test_late_gbk(void)
{
    kp_buf text, out;
    kp_buf_init(&text, 0);
    kp_buf_init(&out, 0);
    kp_buf_puts(&text, "unit,year,member_home\n");
    for (int i = 0; i < 8000; i++)
        kp_buf_printf(&text, "33%04d,2023,1\n", i);
    CHECK(text.len > 100000);
    kp_buf_puts(&text, "339999,2023,是\n");
    size_t glen;
    char *gb = to_gb18030(text.data, text.len, &glen);
    CHECK(gb != NULL);
    if (gb) {
        kp_err e = {{0}};
        char enc[32];
        CHECK_INT_EQ(dump_limited(gb, glen, 0, 0, 0, &out, enc, &e), 0);
        CHECK_STR_EQ(enc, "GB18030");
        const char *last = "\n8002:[339999|2023|是]\n";
        CHECK(out.len > strlen(last) && strcmp(out.data + out.len - strlen(last), last) == 0);
        free(gb);
    }
    kp_buf_free(&text);
    kp_buf_free(&out);
}

/*
 * A large file of the health_lectures shape with every kind of field, read
 * with chunk sizes that split records, quotes, CRLFs and characters at every
 * possible place, in UTF-8 and in GB18030.
 */
static void test_chunk_boundaries(void)
{
    static const char *const titles[] = {
        "家庭健康知识大讲堂", "优生优育,进社区", "\"青春健康\"讲座", "婚育新风\n进万家",
        "暖心家园\r\n回访", "罕见字㐀与𠀀", "plain title", "",
    };
    kp_buf csv, expected, out;
    kp_buf_init(&csv, 0);
    kp_buf_init(&expected, 0);
    kp_buf_init(&out, 0);
    long line = 1;
    kp_buf_puts(&csv, "unit,date,title,participants\n");
    kp_buf_printf(&expected, "%ld:[unit|date|title|participants]\n", line++);
    for (int i = 0; i < 6000; i++) {
        const char *t = titles[i % 8];
        int quote = strpbrk(t, ",\"\r\n") != NULL || i % 3 == 0;
        kp_buf_printf(&csv, "33%04d,2023年%d月%d日,", i, i % 12 + 1, i % 28 + 1);
        kp_buf_printf(&expected, "%ld:[33%04d|2023年%d月%d日|", line, i, i % 12 + 1, i % 28 + 1);
        if (quote)
            kp_buf_putc(&csv, '"');
        for (const char *p = t; *p; p++) {
            if (*p == '"')
                kp_buf_putc(&csv, '"');
            kp_buf_putc(&csv, *p);
            if (*p == '\n')
                line++;
            if (*p != '\r')
                kp_buf_putc(&expected, *p);
        }
        if (quote)
            kp_buf_putc(&csv, '"');
        kp_buf_printf(&csv, ",%d%s", i, i % 2 ? "\r\n" : "\n");
        kp_buf_printf(&expected, "|%d]\n", i);
        line++;
        if (i % 10 == 0) {
            kp_buf_puts(&csv, "\n");
            line++;
        }
    }
    CHECK(csv.len > 3 * 64 * 1024);

    size_t glen;
    char *gb = to_gb18030(csv.data, csv.len, &glen);
    CHECK(gb != NULL);
    static const size_t chunks[] = {1, 2, 3, 7, 1000, 0, 1 << 20};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        kp_err e = {{0}};
        char enc[32];
        CHECK_INT_EQ(dump_limited(csv.data, csv.len, chunks[i], 0, 0, &out, enc, &e), 0);
        CHECK(out.len == expected.len && memcmp(out.data, expected.data, out.len) == 0);
        CHECK_STR_EQ(enc, "UTF-8");
        if (!gb)
            continue;
        CHECK_INT_EQ(dump_limited(gb, glen, chunks[i], 0, 0, &out, enc, &e), 0);
        CHECK(out.len == expected.len && memcmp(out.data, expected.data, out.len) == 0);
        CHECK_STR_EQ(enc, "GB18030");
    }
    free(gb);
    kp_buf_free(&csv);
    kp_buf_free(&expected);
    kp_buf_free(&out);
}

/*
 * Scrambled text of quotes, commas, line breaks, Chinese in both encodings and
 * bad bytes: whatever a file holds, every chunk size gives the same records
 * and the same error at the same line.
 */
static void test_chunk_independence(void)
{
    static const char *const pieces[] = {
        "a", "12", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", "中文", "\xD6\xD0", "\xE4\xB8", "\xFF", "5\"",
    };
    static const size_t chunks[] = {1, 2, 3, 7};
    unsigned seed = 12345;
    kp_buf text, first, out;
    kp_buf_init(&text, 0);
    kp_buf_init(&first, 0);
    kp_buf_init(&out, 0);
    int errors = 0, clean = 0;
    for (int round = 0; round < 3000; round++) {
        kp_buf_clear(&text);
        int n = 1 + round % 40;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            kp_buf_puts(&text, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])]);
        }
        kp_err e0 = {{0}};
        int r0 = dump_limited(text.data, text.len, 0, 0, 0, &first, NULL, &e0);
        CHECK(r0 == 0 || r0 == -1);
        r0 == 0 ? clean++ : errors++;
        for (size_t k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
            kp_err e = {{0}};
            int r = dump_limited(text.data, text.len, chunks[k], 0, 0, &out, NULL, &e);
            int same = r == r0 && out.len == first.len && (out.len == 0 || memcmp(out.data, first.data, out.len) == 0) &&
                       strcmp(e.msg, e0.msg) == 0;
            CHECK(same);
            if (!same)
                fprintf(stderr, "  round %d, chunk %zu: %s | %s\n", round, chunks[k], e0.msg, e.msg);
        }
    }
    /* The mixture must exercise both outcomes to mean anything. */
    CHECK(errors > 100 && clean > 100);
    kp_buf_free(&text);
    kp_buf_free(&first);
    kp_buf_free(&out);
}

static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/*
 * Reading a file takes the same memory whatever its size: a few buffers of a
 * chunk each and the longest record.  (Under AddressSanitizer mallinfo2()
 * reports nothing, so this checks only in the ordinary build.)
 */
static void test_memory_bounded(void)
{
    kp_buf text;
    kp_buf_init(&text, 0);
    kp_buf_puts(&text, "unit,date,title,participants\n");
    for (int i = 0; i < 300000; i++)
        kp_buf_printf(&text, "33%04d,2023年5月%d日,\"家庭健康知识大讲堂,第%d期\",%d\n", i % 10000, i % 28 + 1, i, i % 300);
    CHECK(text.len > 15000000);
    size_t glen;
    char *gb = to_gb18030(text.data, text.len, &glen);
    CHECK(gb != NULL);
    for (int pass = 0; pass < 2 && gb; pass++) {
        kp_err e;
        kp_csv *c;
        size_t before = heap_in_use(), most = before;
        const char *data = pass ? gb : text.data;
        size_t len = pass ? glen : text.len;
        CHECK_INT_EQ(kp_csv_open_memory(&c, "big.csv", data, len, &e), 0);
        long n = 0;
        while (kp_csv_next(c, &e) == 1) {
            if (++n % 1000 == 0) {
                size_t now = heap_in_use();
                most = now > most ? now : most;
            }
        }
        CHECK_INT_EQ(n, 300001);
        CHECK(most - before < 512 * 1024);
        if (most - before >= 512 * 1024)
            fprintf(stderr, "  reading %zu bytes took %zu bytes of memory\n", len, most - before);
        kp_csv_close(c);
    }
    free(gb);
    kp_buf_free(&text);
}

static void test_not_csv(void)
{
    CHECK_STR_CONTAINS(error_of("\xFF\xFEu\0n\0", 6, 0), "t.csv:1: the file is UTF-16 text");
    CHECK_STR_CONTAINS(error_of("PK\3\4\x14\0\6\0", 8, 0), "t.csv:1: the file is an Excel workbook (.xlsx)");
    CHECK_STR_CONTAINS(error_of("\xD0\xCF\x11\xE0\xA1\xB1", 6, 0), "old Excel workbook (.xls)");
    CHECK_STR_CONTAINS(error_of("a,b\nc\0d\n", 8, 0), "t.csv:2: a NUL byte");
    CHECK_STR_CONTAINS(error_of("a,b\n\"c\0\"\n", 9, 0), "t.csv:2: a NUL byte");
}

static void test_open_file_errors(void)
{
    kp_err e;
    kp_csv *c = (kp_csv *)&e;
    CHECK_INT_EQ(kp_csv_open_file(&c, "/nonexistent/units.csv", &e), -1);
    CHECK(c == NULL);
    CHECK_STR_EQ(e.msg, "cannot open /nonexistent/units.csv: No such file or directory");
    CHECK_INT_EQ(kp_csv_open_file(&c, fixtures, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "it is a directory");
}

static void test_no_use_after_error(void)
{
    kp_err e;
    kp_csv *c;
    const char *data = "\"open\n";
    CHECK_INT_EQ(kp_csv_open_memory(&c, "t.csv", data, strlen(data), &e), 0);
    CHECK_INT_EQ(kp_csv_next(c, &e), -1);
    CHECK_INT_EQ(kp_csv_next(c, &e), -1);
    CHECK_STR_CONTAINS(e.msg, "cannot go on after an error");
    kp_csv_close(c);
    kp_csv_close(NULL);
}

int main(int argc, char **argv)
{
    fixtures = argc > 1 ? argv[1] : ".";
    test_plain_and_quoted();
    test_line_ends();
    test_bom_and_encoding_names();
    test_offset_and_size();
    test_quote_errors();
    test_limits();
    test_invalid_utf8();
    test_gb18030_fixture();
    test_invalid_gb18030();
    test_late_gbk();
    test_chunk_boundaries();
    test_memory_bounded();
    test_chunk_independence();
    test_not_csv();
    test_open_file_errors();
    test_no_use_after_error();
    return check_status();
}
