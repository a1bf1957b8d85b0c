/*
 * profile.c — the six kinds of county in the demo city.  Each work area
 * decides, in its plugin's sample rows, how a kind of county shows in its
 * tables; the city only says which county is of which kind.
 *
 * 示范 meets every target of work-areas.md; 良好 falls a little short here
 * and there; 一般 misses several targets by a margin; 宣传薄弱 does the
 * organisational work but little outreach; 数据缺失 leaves tables or figures
 * out, so its report shows 无数据; 薄弱 misses most targets, for causes the
 * evidence lists.  The summaries say what the shipped areas make of each.
 */
#include "demo_city/profile.h"

#include "kaoping/plugin.h"

static const struct kp_demo_profile profiles[] = {
    {.name = "示范", .kind = KP_SAMPLE_EXEMPLARY, .diligence = 1.0,
     .summary = "每项目标都达到"},
    {.name = "良好", .kind = KP_SAMPLE_GOOD, .diligence = 0.85,
     .summary = "大多达标，个别乡村有缺项"},
    {.name = "一般", .kind = KP_SAMPLE_AVERAGE, .diligence = 0.65,
     .summary = "多项目标差一截：乡村换届、会员之家、指导员、信息报送"},
    {.name = "宣传薄弱", .kind = KP_SAMPLE_WEAK_OUTREACH, .diligence = 0.6,
     .summary = "宣讲少、工厂和家庭未进、信息报送断月"},
    {.name = "数据缺失", .kind = KP_SAMPLE_MISSING_DATA, .diligence = 0.5,
     .summary = "生殖健康领域和家庭健康指导员未报数据，会员数不全"},
    {.name = "薄弱", .kind = KP_SAMPLE_WEAK, .diligence = 0.3,
     .summary = "多数目标未达到：县协会未换届、半数基层未办讲堂、村缺指导员、意外险下滑"},
};

enum { EXEMPLARY, GOOD, AVERAGE, WEAK_OUTREACH, MISSING_DATA, WEAK };

/* 江岸 示范, 江北 良好, 青山 示范, 南湖 一般, 长岭 宣传薄弱, 东湖 良好,
 * 白沙 数据缺失, 石门 薄弱, 临江 一般, 云台 薄弱. */
static const int city_pattern[] = {
    EXEMPLARY, GOOD, EXEMPLARY, AVERAGE, WEAK_OUTREACH, GOOD, MISSING_DATA, WEAK, AVERAGE, WEAK,
};

const struct kp_demo_profile *kp_demo_profile_of(int county_index)
{
    int n = (int)(sizeof city_pattern / sizeof city_pattern[0]);
    return &profiles[city_pattern[county_index % n]];
}

