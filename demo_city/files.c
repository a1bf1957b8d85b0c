/*
 * files.c — the files of the demo city: one per table of the import contract
 * (data-model.md), each with its columns in the contract's words and an
 * example value, and each spelled the way some county's staff would send it.
 *
 * Real counties mix styles, so the demo does too: most files carry the
 * Chinese titles as header, some the English ids; most are UTF-8 with a byte
 * order mark and CRLF (Excel's "CSV UTF-8"), a few plain UTF-8 with LF, and
 * two are GB18030 (Excel's default "CSV" on a Chinese Windows).  Dates and
 * booleans take each of the spellings the contract allows.
 */
#include <string.h>

#include "demo_city/gen.h"

#define COLS(a) a, sizeof(a) / sizeof((a)[0])

#define UNIT_COL(example) {"unit", "单位代码", example}
#define DATE_COL {"date", "日期", "2023-05-29"}
#define YEAR_COL {"year", "年度", "2023"}

static const struct kp_demo_column units[] = {
    {"code", "单位代码", "420102001001"},
    {"name", "单位名称", "东湖社区"},
    {"level", "层级", "村"},
    {"parent", "上级代码", "420102001000"},
};

static const struct kp_demo_column publicity_events[] = {
    UNIT_COL("420102001000"),
    DATE_COL,
    {"title", "主题", "学习二十大 奋进新征程 宣讲会"},
    {"kind", "形式", "宣讲"},
    {"participants", "参加人数", "60"},
};

static const struct kp_demo_column org_status[] = {
    UNIT_COL("420102001000"),
    YEAR_COL,
    {"reelected", "是否完成换届", "是"},
    {"reelected_on", "换届日期", "2023-03-15"},
    {"staff_posted", "在岗人数", "6"},
    {"staff_budgeted", "在编人数", "6"},
    {"members", "会员数", "1200"},
    {"member_home", "是否建成会员之家", "是"},
    {"due_on", "应换届日期", "2023-06-30"},
};

static const struct kp_demo_column policy_outreach[] = {
    UNIT_COL("420102001000"),
    DATE_COL,
    {"venue", "场所", "学校"},
    {"form", "形式", "展板"},
    {"quantity", "数量", "20"},
    {"audience", "受众人数", "300"},
};

static const struct kp_demo_column service_sites[] = {
    UNIT_COL("420102001001"),
    {"kind", "类型", "向日葵亲子小屋"},
    {"name", "名称", "东湖社区向日葵亲子小屋"},
    {"status", "状态", "已建成"},
    {"opened_on", "建成日期", "2023-06-01"},
};

static const struct kp_demo_column special_families[] = {
    {"family_id", "家庭编号", "420102-00017"},
    UNIT_COL("420102001001"),
    {"liaison", "双岗联系人", "是"},
    {"family_doctor", "家庭医生签约", "是"},
    {"priority_care", "优先便利医疗", "是"},
    {"visits", "年度走访次数", "4"},
    {"nursing_insurance", "住院护理补贴保险", "是"},
    {"supplementary_insurance", "补充医疗保险", "否"},
};

static const struct kp_demo_column warm_homes[] = {
    UNIT_COL("420102001001"),
    {"name", "名称", "东湖社区暖心家园"},
    {"status", "状态", "建成"},
};

static const struct kp_demo_column accident_insurance[] = {
    UNIT_COL("420102000000"),
    YEAR_COL,
    {"policies", "份数", "1200"},
    {"insured", "参保人数", "2400"},
    {"premium", "保费", "60000.00"},
};

static const struct kp_demo_column health_lectures[] = {
    UNIT_COL("420102001001"),
    DATE_COL,
    {"title", "主题", "合理膳食 健康生活"},
    {"participants", "参加人数", "45"},
};

/* In another order than the contract's: column order is free. */
static const struct kp_demo_column health_instructors[] = {
    YEAR_COL,
    UNIT_COL("420102001001"),
    {"instructors", "人数", "2"},
};

static const struct kp_demo_column health_projects[] = {
    UNIT_COL("420102000000"),
    {"name", "项目名称", "江北区家庭健康服务中心"},
    {"kind", "类型", "家庭健康服务中心"},
    {"status", "状态", "立项"},
};

static const struct kp_demo_column youth_trainers[] = {
    UNIT_COL("420102000000"),
    {"name", "姓名", "王丽"},
    {"school_level", "学段", "中学"},
    {"trained_on", "培训日期", "2023-04-20"},
};

static const struct kp_demo_column youth_projects[] = {
    UNIT_COL("420102000000"),
    {"project", "项目", "青春健康俱乐部"},
    YEAR_COL,
    {"sessions", "场次", "6"},
    {"participants", "参加人数", "240"},
};

static const struct kp_demo_column journal_subscriptions[] = {
    UNIT_COL("420102001001"),
    YEAR_COL,
    {"copies", "份数", "2"},
};

static const struct kp_demo_column culture_events[] = {
    UNIT_COL("420102001000"),
    DATE_COL,
    {"title", "主题", "5·29会员活动日 学习二十大 奋进新征程"},
    {"occasion", "节点", "529会员活动日"},
    {"participants", "参加人数", "120"},
};

static const struct kp_demo_column info_reports[] = {
    UNIT_COL("420102000000"),
    DATE_COL,
    {"title", "标题", "江北区计生协开展5·29会员活动日活动"},
    {"adopted", "采用层级", "市"},
    {"sent_to", "报送对象", "省计生协"},
};

static const struct kp_demo_column brand_projects[] = {
    UNIT_COL("420102000000"),
    {"name", "名称", "江北区家庭健康促进行动项目点"},
    {"level", "级别", "省级"},
    {"kind", "类型", "家庭健康促进行动项目点"},
    {"status", "状态", "建成"},
};

static const struct kp_demo_column volunteer_events[] = {
    UNIT_COL("420102001000"),
    DATE_COL,
    {"title", "主题", "暖心行动志愿服务"},
    {"volunteers", "人数", "12"},
    {"in_uniform", "着统一服装", "是"},
};

#define EXCEL_UTF8 (KP_CSV_OUT_BOM | KP_CSV_OUT_CRLF)
#define EXCEL_GBK (KP_CSV_OUT_GB18030 | KP_CSV_OUT_CRLF)

const struct kp_demo_file kp_demo_files[KP_T_COUNT] = {
    [KP_T_UNITS] = {"units", NULL, COLS(units), 0, 0, KP_DATE_ISO, KP_BOOL_DIGIT},
    [KP_T_PUBLICITY_EVENTS] = {"publicity_events", "publicity", COLS(publicity_events), 1,
                               EXCEL_UTF8, KP_DATE_SLASH, KP_BOOL_CHINESE},
    [KP_T_ORG_STATUS] = {"org_status", "organization", COLS(org_status), 0, 0, KP_DATE_ISO,
                         KP_BOOL_DIGIT},
    [KP_T_POLICY_OUTREACH] = {"policy_outreach", "birth_support", COLS(policy_outreach), 1,
                              EXCEL_GBK, KP_DATE_SLASH, KP_BOOL_CHINESE},
    [KP_T_SERVICE_SITES] = {"service_sites", "birth_support", COLS(service_sites), 1,
                            EXCEL_UTF8, KP_DATE_CHINESE, KP_BOOL_CHINESE},
    [KP_T_SPECIAL_FAMILIES] = {"special_families", "family_support", COLS(special_families), 1,
                               EXCEL_UTF8, KP_DATE_SLASH, KP_BOOL_CHINESE},
    [KP_T_WARM_HOMES] = {"warm_homes", "family_support", COLS(warm_homes), 0, 0, KP_DATE_ISO,
                         KP_BOOL_DIGIT},
    [KP_T_ACCIDENT_INSURANCE] = {"accident_insurance", "family_support",
                                 COLS(accident_insurance), 1, EXCEL_GBK, KP_DATE_SLASH,
                                 KP_BOOL_CHINESE},
    [KP_T_HEALTH_LECTURES] = {"health_lectures", "health_promotion", COLS(health_lectures), 1,
                              EXCEL_UTF8, KP_DATE_SLASH, KP_BOOL_CHINESE},
    [KP_T_HEALTH_INSTRUCTORS] = {"health_instructors", "health_promotion",
                                 COLS(health_instructors), 0, 0, KP_DATE_ISO, KP_BOOL_DIGIT},
    [KP_T_HEALTH_PROJECTS] = {"health_projects", "health_promotion", COLS(health_projects), 1,
                              EXCEL_UTF8, KP_DATE_SLASH, KP_BOOL_CHINESE},
    [KP_T_YOUTH_TRAINERS] = {"youth_trainers", "reproductive_health", COLS(youth_trainers), 1,
                             EXCEL_UTF8, KP_DATE_DOT, KP_BOOL_CHINESE},
    [KP_T_YOUTH_PROJECTS] = {"youth_projects", "reproductive_health", COLS(youth_projects), 0,
                             0, KP_DATE_ISO, KP_BOOL_DIGIT},
    [KP_T_JOURNAL_SUBSCRIPTIONS] = {"journal_subscriptions", "marriage_culture",
                                    COLS(journal_subscriptions), 1, KP_CSV_OUT_CRLF,
                                    KP_DATE_SLASH, KP_BOOL_CHINESE},
    [KP_T_CULTURE_EVENTS] = {"culture_events", "marriage_culture", COLS(culture_events), 1,
                             EXCEL_UTF8, KP_DATE_CHINESE, KP_BOOL_CHINESE},
    [KP_T_INFO_REPORTS] = {"info_reports", "influence", COLS(info_reports), 0, 0, KP_DATE_ISO,
                           KP_BOOL_DIGIT},
    [KP_T_BRAND_PROJECTS] = {"brand_projects", "influence", COLS(brand_projects), 1, EXCEL_UTF8,
                             KP_DATE_SLASH, KP_BOOL_CHINESE},
    [KP_T_VOLUNTEER_EVENTS] = {"volunteer_events", "influence", COLS(volunteer_events), 1,
                               EXCEL_UTF8, KP_DATE_SLASH, KP_BOOL_LETTER},
};

size_t kp_demo_table_count(void)
{
    return KP_T_COUNT;
}

const char *kp_demo_table_id(size_t i)
{
    return i < KP_T_COUNT ? kp_demo_files[i].table : NULL;
}

const char *kp_demo_table_area(size_t i)
{
    return i < KP_T_COUNT ? kp_demo_files[i].area : NULL;
}

const char *kp_demo_example(const char *table, const char *column)
{
    for (size_t t = 0; t < KP_T_COUNT; t++) {
        if (strcmp(kp_demo_files[t].table, table))
            continue;
        for (size_t c = 0; c < kp_demo_files[t].ncolumns; c++)
            if (!strcmp(kp_demo_files[t].columns[c].id, column))
                return kp_demo_files[t].columns[c].example;
    }
    return NULL;
}
