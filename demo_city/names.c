/*
 * names.c — names for the demo city.
 *
 * Place names are two-character stems, as most Chinese township and village
 * names are: a first character (direction, colour, plant, family name ...)
 * and a landscape character (河, 岭, 湾, 畈 ...), or for urban 街道 and
 * 社区 a word such as 和平 or 锦绣.  Counties beyond the first ten walk the
 * stem combinations in a fixed scrambled order, so that every county keeps
 * its name whatever the seed and no two counties share one.
 */
#include "demo_city/names.h"

#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const fixed_counties[] = {
    "江岸", "江北", "青山", "南湖", "长岭", "东湖", "白沙", "石门", "临江", "云台",
};

/* Stand-ins for the scrambled walk when it lands on a fixed county's stem:
 * their first characters are not in `first`, so they cannot clash. */
static const char *const reserve_counties[] = {
    "汉川", "孝昌", "应城", "鄂城", "蕲水", "浠川", "英山", "麻城", "团风", "罗田",
};

static const char *const first[] = {
    "东", "西", "南", "北", "中", "上", "下", "前", "后", "新", "大", "小", "长", "永",
    "安", "太", "平", "兴", "和", "金", "银", "石", "青", "白", "红", "黄", "柳", "杨",
    "桃", "梅", "松", "竹", "龙", "凤", "马", "双", "三", "五", "九", "清", "福", "宝",
    "丰", "高", "李", "张", "王", "陈", "江", "云", "临", "花",
};

static const char *const second[] = {
    "河", "湖", "山", "岭", "桥", "港", "口", "湾", "坪", "岗", "庄", "店", "集", "铺",
    "寨", "坝", "冲", "垸", "塘", "溪", "林", "园", "田", "畈", "洲", "台", "源", "泉",
    "岸", "门", "沙", "堰",
};

static const char *const urban[] = {
    "和平", "民主", "建设", "解放", "中山", "光明", "胜利", "友谊", "幸福", "团结",
    "新华", "人民", "工农", "育才", "紫阳", "滨江", "花园", "锦绣", "金桥", "朝阳",
    "晴川", "翠微", "桂园", "丹桂", "文昌", "书院", "长丰", "振兴", "龙泉", "古田",
    "汉兴", "复兴", "兴业", "安居", "康宁", "福星", "鹦鹉", "琴台", "水岸", "月湖",
};

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
    "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶",
    "程", "魏", "丁", "沈", "欧阳",
};

static const char *const given[] = {
    "丽", "敏", "静", "芳", "娟", "霞", "燕", "婷", "洁", "慧", "红", "玲", "琴", "梅",
    "伟", "强", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "华", "斌", "波", "鹏",
    "建", "国", "文", "志", "海", "晓", "欣", "雪", "雨", "春", "秋", "莉", "颖", "思",
};

#define NCOMBOS (COUNT(first) * COUNT(second))

static void combo(size_t k, char out[KP_DEMO_NAME_MAX])
{
    snprintf(out, KP_DEMO_NAME_MAX, "%s%s", first[k / COUNT(second)], second[k % COUNT(second)]);
}

void kp_demo_county_stem(int i, char out[KP_DEMO_NAME_MAX])
{
    if (i < (int)COUNT(fixed_counties)) {
        snprintf(out, KP_DEMO_NAME_MAX, "%s", fixed_counties[i]);
        return;
    }
    /* 7919 is prime and NCOMBOS is not a multiple of it, so k ↦ 7919·k mod
     * NCOMBOS is a bijection: distinct counties get distinct stems. */
    _Static_assert(NCOMBOS % 7919 != 0 && NCOMBOS > 1000, "the stem walk needs more combinations");
    size_t k = ((size_t)(i - (int)COUNT(fixed_counties)) * 7919u + 101u) % NCOMBOS;
    combo(k, out);
    for (size_t f = 0; f < COUNT(fixed_counties); f++)
        if (!strcmp(out, fixed_counties[f])) {
            snprintf(out, KP_DEMO_NAME_MAX, "%s", reserve_counties[f]);
            return;
        }
}

static int is_taken(const char *name, const char (*taken)[KP_DEMO_NAME_MAX], size_t ntaken)
{
    for (size_t i = 0; i < ntaken; i++)
        if (!strcmp(name, taken[i]))
            return 1;
    return 0;
}

void kp_demo_place_name(kp_rng *r, int urban_place, const char *suffix,
                        const char (*taken)[KP_DEMO_NAME_MAX], size_t ntaken,
                        char out[KP_DEMO_NAME_MAX])
{
    char stem[KP_DEMO_NAME_MAX];
    for (int attempt = 0; attempt < 64; attempt++) {
        if (urban_place)
            snprintf(stem, sizeof stem, "%s", urban[kp_rng_below(r, COUNT(urban))]);
        else
            combo(kp_rng_below(r, NCOMBOS), stem);
        snprintf(out, KP_DEMO_NAME_MAX, "%s%s", stem, suffix);
        if (!is_taken(out, taken, ntaken))
            return;
    }
    /* Siblings are few and combinations many, so this walk always ends. */
    for (size_t k = 0;; k++) {
        combo(k % NCOMBOS, stem);
        snprintf(out, KP_DEMO_NAME_MAX, "%s%s", stem, suffix);
        if (!is_taken(out, taken, ntaken) || k >= NCOMBOS)
            return;
    }
}

void kp_demo_person_name(kp_rng *r, char out[KP_DEMO_NAME_MAX])
{
    const char *s = surnames[kp_rng_below(r, COUNT(surnames))];
    const char *g1 = given[kp_rng_below(r, COUNT(given))];
    if (kp_rng_percent(r, 40))
        snprintf(out, KP_DEMO_NAME_MAX, "%s%s", s, g1);
    else
        snprintf(out, KP_DEMO_NAME_MAX, "%s%s%s", s, g1, given[kp_rng_below(r, COUNT(given))]);
}
