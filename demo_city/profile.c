/*
 * profile.c — the six kinds of county in the demo city.
 *
 * 示范 meets every target of work-areas.md; 良好 falls a little short here
 * and there; 一般 misses several targets by a margin; 宣传薄弱 does the
 * organisational work but little outreach (few 宣讲, venues never reached,
 * months without reports); 数据缺失 sent nothing for one whole area and no
 * instructor figures, so its report shows 无数据; 薄弱 misses most targets
 * for causes the evidence lists (villages without instructors, grassroots
 * units without lectures, a county association overdue for re-election).
 */
#include "demo_city/profile.h"

#include "kaoping/plugin.h"

/* Venue bits: 单位 工厂 学校 社区 家庭. */
#define V_UNIT 0x01u
#define V_FACTORY 0x02u
#define V_SCHOOL 0x04u
#define V_COMMUNITY 0x08u
#define V_HOME 0x10u
#define V_ALL 0x1Fu

static const struct kp_demo_profile profiles[] = {
    {
        .name = "示范", .summary = "每项目标都达到",
        .kind = KP_SAMPLE_EXEMPLARY, .diligence = 1.0,
        .pub_events = 24, .pub_township_miss = 0,
        .org_county_reelected = 1, .org_township_miss = 0, .org_village_miss = 0,
        .org_home_miss = 0, .org_staff_gap = 0, .org_members_miss = 0,
        .venues = V_ALL, .outreach_events = 28, .centre_status = 2, .cabin_status = 1,
        .families = 60, .fam_liaison_miss = 0, .fam_doctor_miss = 0, .fam_priority_miss = 0,
        .fam_visit_miss = 0, .fam_nursing_miss = 0, .insurance_growth = 8, .warm_home_status = 2,
        .lecture_miss = 0, .instructor_ok = 70, .instructor_unreported = 0, .health_projects = 2,
        .youth_projects = 0x1F, .trainers = 8, .trainer_levels = 4,
        .journal_miss = 0, .key_dates = 3, .culture_events = 6,
        .report_months_short = 0, .province_point = 2, .uniform_miss = 0, .volunteer_events = 10,
    },
    {
        .name = "良好", .summary = "大多达标，个别乡村有缺项",
        .kind = KP_SAMPLE_GOOD, .diligence = 0.85,
        .pub_events = 16, .pub_township_miss = 0,
        .org_county_reelected = 1, .org_township_miss = 0, .org_village_miss = 5,
        .org_home_miss = 10, .org_staff_gap = 0, .org_members_miss = 5,
        .venues = V_ALL, .outreach_events = 22, .centre_status = 1, .cabin_status = 1,
        .families = 50, .fam_liaison_miss = 0, .fam_doctor_miss = 4, .fam_priority_miss = 2,
        .fam_visit_miss = 8, .fam_nursing_miss = 5, .insurance_growth = 3, .warm_home_status = 2,
        .lecture_miss = 8, .instructor_ok = 60, .instructor_unreported = 5, .health_projects = 1,
        .youth_projects = 0x0F, .trainers = 6, .trainer_levels = 3,
        .journal_miss = 5, .key_dates = 3, .culture_events = 4,
        .report_months_short = 1, .province_point = 2, .uniform_miss = 10, .volunteer_events = 8,
    },
    {
        .name = "一般", .summary = "多项目标差一截：乡村换届、会员之家、指导员、信息报送",
        .kind = KP_SAMPLE_AVERAGE, .diligence = 0.65,
        .pub_events = 12, .pub_township_miss = 25,
        .org_county_reelected = 1, .org_township_miss = 10, .org_village_miss = 15,
        .org_home_miss = 25, .org_staff_gap = 1, .org_members_miss = 10,
        .venues = V_ALL & ~V_FACTORY, .outreach_events = 15, .centre_status = 0,
        .cabin_status = 1,
        .families = 50, .fam_liaison_miss = 10, .fam_doctor_miss = 12, .fam_priority_miss = 8,
        .fam_visit_miss = 20, .fam_nursing_miss = 15, .insurance_growth = 0,
        .warm_home_status = 1,
        .lecture_miss = 25, .instructor_ok = 45, .instructor_unreported = 10,
        .health_projects = 1,
        .youth_projects = 0x07, .trainers = 4, .trainer_levels = 2,
        .journal_miss = 15, .key_dates = 1, .culture_events = 3,
        .report_months_short = 3, .province_point = 1, .uniform_miss = 30, .volunteer_events = 6,
    },
    {
        .name = "宣传薄弱", .summary = "宣讲少、工厂和家庭未进、信息报送断月",
        .kind = KP_SAMPLE_WEAK_OUTREACH, .diligence = 0.6,
        .pub_events = 6, .pub_township_miss = 50,
        .org_county_reelected = 1, .org_township_miss = 0, .org_village_miss = 5,
        .org_home_miss = 10, .org_staff_gap = 0, .org_members_miss = 5,
        .venues = V_UNIT | V_SCHOOL | V_COMMUNITY, .outreach_events = 9, .centre_status = 1,
        .cabin_status = 1,
        .families = 50, .fam_liaison_miss = 0, .fam_doctor_miss = 4, .fam_priority_miss = 2,
        .fam_visit_miss = 8, .fam_nursing_miss = 5, .insurance_growth = 2, .warm_home_status = 2,
        .lecture_miss = 5, .instructor_ok = 60, .instructor_unreported = 5, .health_projects = 1,
        .youth_projects = 0x0F, .trainers = 6, .trainer_levels = 3,
        .journal_miss = 5, .key_dates = 3, .culture_events = 2,
        .report_months_short = 5, .province_point = 2, .uniform_miss = 40, .volunteer_events = 5,
    },
    {
        .name = "数据缺失", .summary = "生殖健康领域和家庭健康指导员未报数据，会员数不全",
        .kind = KP_SAMPLE_MISSING_DATA, .diligence = 0.5,
        .pub_events = 14, .pub_township_miss = 0,
        .org_county_reelected = 1, .org_township_miss = 0, .org_village_miss = 5,
        .org_home_miss = 10, .org_staff_gap = 0, .org_members_miss = 40,
        .venues = V_ALL, .outreach_events = 20, .centre_status = 1, .cabin_status = 1,
        .families = 50, .fam_liaison_miss = 0, .fam_doctor_miss = 4, .fam_priority_miss = 2,
        .fam_visit_miss = 8, .fam_nursing_miss = 5, .insurance_growth = 3, .warm_home_status = 2,
        .lecture_miss = 10, .instructor_ok = 0, .instructor_unreported = 100,
        .health_projects = 1,
        .youth_projects = 0x0F, .trainers = 6, .trainer_levels = 3,
        .journal_miss = 5, .key_dates = 3, .culture_events = 4,
        .report_months_short = 1, .province_point = 2, .uniform_miss = 10, .volunteer_events = 8,
        .empty_areas = KP_AREA_REPRODUCTIVE_HEALTH,
    },
    {
        .name = "薄弱", .summary = "多数目标未达到：县协会未换届、半数基层未办讲堂、村缺指导员、意外险下滑",
        .kind = KP_SAMPLE_WEAK, .diligence = 0.3,
        .pub_events = 8, .pub_township_miss = 40,
        .org_county_reelected = 0, .org_township_miss = 30, .org_village_miss = 40,
        .org_home_miss = 50, .org_staff_gap = 3, .org_members_miss = 25,
        .venues = V_UNIT | V_COMMUNITY, .outreach_events = 8, .centre_status = -1,
        .cabin_status = 0,
        .families = 60, .fam_liaison_miss = 25, .fam_doctor_miss = 30, .fam_priority_miss = 20,
        .fam_visit_miss = 40, .fam_nursing_miss = 35, .insurance_growth = -12,
        .warm_home_status = 0,
        .lecture_miss = 50, .instructor_ok = 20, .instructor_unreported = 30,
        .health_projects = 0,
        .youth_projects = 0x05, .trainers = 3, .trainer_levels = 1,
        .journal_miss = 40, .key_dates = 2, .culture_events = 2,
        .report_months_short = 6, .province_point = 0, .uniform_miss = 60, .volunteer_events = 4,
    },
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

