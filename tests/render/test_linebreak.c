/* test_linebreak.c — where lines of Chinese, Latin and mixed text may end. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render/linebreak.h"

/* The break verdict before the character that starts at `needle` in `s`. */
static int verdict_before(const char *s, const char *needle)
{
    size_t len = strlen(s);
    char *brk = malloc(len + 1);
    kp_linebreaks(s, len, brk);
    const char *at = strstr(s, needle);
    int v = at ? brk[at - s] : -1;
    free(brk);
    return v;
}

/* Every break opportunity, written as '|' into the text. */
static void mark(const char *s, char *out)
{
    size_t len = strlen(s);
    char *brk = malloc(len + 1);
    kp_linebreaks(s, len, brk);
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && brk[i] != KP_BREAK_NO)
            out[o++] = brk[i] == KP_BREAK_MUST ? '#' : '|';
        out[o++] = s[i];
    }
    out[o] = 0;
    free(brk);
}

int main(void)
{
    char out[512];

    /* Hanzi may part anywhere; the edges are fixed. */
    mark("考评报告", out);
    CHECK_STR_EQ(out, "考|评|报|告");
    size_t len = strlen("考评");
    char brk[16];
    kp_linebreaks("考评", len, brk);
    CHECK_INT_EQ(brk[0], KP_BREAK_NO);
    CHECK_INT_EQ(brk[len], KP_BREAK_MUST);
    CHECK_INT_EQ(brk[1], KP_BREAK_NO); /* inside the UTF-8 bytes of 考 */

    /* No line begins with closing punctuation. */
    static const char *no_start[] = {"，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》",
                                     "”", "’", "…", "〕", "】", "％"};
    for (size_t i = 0; i < sizeof no_start / sizeof *no_start; i++) {
        char s[64];
        snprintf(s, sizeof s, "工作%s完成", no_start[i]);
        int v = verdict_before(s, no_start[i]);
        if (v != KP_BREAK_NO)
            fprintf(stderr, "a line may begin with %s\n", no_start[i]);
        CHECK_INT_EQ(v, KP_BREAK_NO);
    }
    /* No line ends with opening punctuation. */
    static const char *no_end[] = {"（", "「", "『", "《", "“", "‘", "【", "〔"};
    for (size_t i = 0; i < sizeof no_end / sizeof *no_end; i++) {
        char s[64];
        snprintf(s, sizeof s, "工作%s完成", no_end[i]);
        int v = verdict_before(s, "完");
        if (v != KP_BREAK_NO)
            fprintf(stderr, "a line may end with %s\n", no_end[i]);
        CHECK_INT_EQ(v, KP_BREAK_NO);
        /* ... but the line may end before it. */
        CHECK_INT_EQ(verdict_before(s, no_end[i]), KP_BREAK_ALLOWED);
    }

    /* Numbers stay whole and keep their unit; the text around them may break. */
    mark("截至2023年底", out);
    CHECK_STR_EQ(out, "截|至|2023年|底");
    mark("完成率85.5%，超过", out);
    CHECK_STR_EQ(out, "完|成|率|85.5%，|超|过");
    mark("共1,234人", out);
    CHECK_STR_EQ(out, "共|1,234人");

    /* Latin words break at spaces only, and never inside. */
    mark("kaoping renders reports", out);
    CHECK_STR_EQ(out, "kaoping |renders |reports");
    mark("使用WenQuanYi字体", out);
    CHECK_STR_EQ(out, "使|用|WenQuanYi|字|体");
    mark("(see note)", out);
    CHECK_STR_EQ(out, "(see |note)");

    /* A book title in 《》 breaks inside but never after 《 or before 》. */
    mark("《工作要点》发布", out);
    CHECK_STR_EQ(out, "《工|作|要|点》|发|布");

    /* Between hanzi, a line may end before an opening quote and after a
     * closing one, never inside them. */
    mark("他说“好”了", out);
    CHECK_STR_EQ(out, "他|说|“好”|了");

    /* Newlines end lines. */
    mark("一\n二", out);
    CHECK_STR_EQ(out, "一\n#二");

    /* Empty text: one verdict, the end. */
    char b0[1];
    kp_linebreaks("", 0, b0);
    CHECK_INT_EQ(b0[0], KP_BREAK_MUST);
    return check_status();
}
