/*
 * member_training.c — a work area the core has never heard of: 会员骨干培训,
 * built from this folder alone, to show that a ninth area needs no change
 * to the core.  Its indicators count the county's trainings and trainees in
 * the year, and list the townships that held none.
 */
#include <stdio.h>

#include <kaoping/plugin.h>

static const struct kp_column columns[] = {
    {.id = "unit", .title = "单位代码", .type = KP_UNIT, .flags = KP_COL_KEY,
     .levels = KP_LEVEL_TOWNSHIP | KP_LEVEL_VILLAGE,
     .description = "举办培训的乡镇（街道）或村（社区）的单位代码", .example = "420102001000"},
    {.id = "date", .title = "日期", .type = KP_DATE, .flags = KP_COL_KEY,
     .description = "培训日期", .example = "2023-04-12"},
    {.id = "title", .title = "主题", .type = KP_TEXT, .flags = KP_COL_KEY,
     .description = "培训主题", .example = "会员骨干业务培训班"},
    {.id = "trainees", .title = "培训人数", .type = KP_INT,
     .description = "参加培训的会员骨干人数", .example = "35"},
};

static const char *const titles[] = {"会员骨干业务培训班", "会员骨干轮训", "会员之家负责人培训"};

/* The demo city's trainings: a diligent county trains under most of its
 * townships, one or two sessions each, in spring and in autumn. */
static int sample_trainings(const struct kp_sample_host *h, struct kp_sample *s)
{
    for (int u = 1; u < h->units(s); u++) {
        if (h->unit_level(s, u) != 3 || !h->chance(s, h->diligence(s)))
            continue;
        int sessions = h->range(s, 1, 2);
        for (int k = 0; k < sessions; k++) {
            char date[16], trainees[16];
            snprintf(date, sizeof date, "%04d-%02d-%02d", h->year(s), 4 + 5 * k, h->range(s, 1, 28));
            snprintf(trainees, sizeof trainees, "%d", h->range(s, 10, 40));
            const char *row[] = {h->unit_code(s, u), date, titles[h->below(s, KP_COUNT(titles))],
                                 trainees};
            if (h->emit(s, row))
                return -1;
        }
    }
    return 0;
}

static const struct kp_table tables[] = {
    {.id = "member_trainings", .title = "会员骨干培训", .columns = columns,
     .ncolumns = KP_COUNT(columns), .sample_rows = sample_trainings},
};

static int sessions(const struct kp_host *h, struct kp_eval *ev)
{
    double n;
    if (h->query_number(ev, "SELECT count(*) FROM units u JOIN member_trainings t"
                            " ON t.unit = u.code WHERE u.county = :county"
                            " AND t.date BETWEEN :year_start AND :year_end", &n, NULL))
        return -1;
    if (n == 0) {
        h->set_no_data(ev, "本年度没有会员骨干培训记录");
        return 0;
    }
    h->set_value(ev, n);
    return 0;
}

static int township_row(void *ud, struct kp_row *r)
{
    const void *const *ctx = ud;
    const struct kp_host *h = ctx[0];
    struct kp_eval *ev = (struct kp_eval *)ctx[1];
    if (h->row_int(r, 1) == 0)
        h->add_evidence(ev, h->row_text(r, 0), "本年度未开展培训");
    return 0;
}

static int trainees(const struct kp_host *h, struct kp_eval *ev)
{
    double n;
    int is_null;
    if (h->query_number(ev, "SELECT sum(t.trainees) FROM units u JOIN member_trainings t"
                            " ON t.unit = u.code WHERE u.county = :county"
                            " AND t.date BETWEEN :year_start AND :year_end", &n, &is_null))
        return -1;
    if (is_null) {
        h->set_no_data(ev, "本年度没有会员骨干培训记录");
        return 0;
    }
    h->set_value(ev, n);
    h->add_figure(ev, "培训人数", n);
    const void *ctx[2] = {h, ev};
    return h->query(ev, "SELECT t.code, (SELECT count(*) FROM units v JOIN member_trainings m"
                        " ON m.unit = v.code WHERE (v.code = t.code OR v.parent = t.code)"
                        " AND m.date BETWEEN :year_start AND :year_end)"
                        " FROM units t WHERE t.county = :county AND t.level = 3 ORDER BY t.code",
                    township_row, ctx);
}

static const struct kp_indicator indicators[] = {
    {.id = "sessions", .title = "会员骨干培训场次", .measure = "场", .compute = sessions},
    {.id = "trainees", .title = "培训会员骨干人数", .measure = "人",
     .evidence_title = "未开展培训的乡镇", .compute = trainees},
};

static const struct kp_plugin plugin = {
    KP_PLUGIN_HEADER, .id = "member_training", .title = "会员骨干培训", .version = "1.0.0",
    .tables = tables, .ntables = KP_COUNT(tables),
    .indicators = indicators, .nindicators = KP_COUNT(indicators)};

KP_EXPORT const struct kp_plugin *kaoping_plugin(void) { return &plugin; }
