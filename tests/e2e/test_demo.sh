#!/bin/bash
# test_demo.sh — the whole job end to end, as the README's main command runs
# it: the demo city (seed 1) is written, imported, assessed with
# scripts/rules/2023.lua, and every report rendered.  The figures below were
# read and checked by hand against the demo's county profiles: the two 示范
# counties lead (江岸区 lost its unscored 精神慰藉 point, 青山区 too and half a
# point elsewhere), the two 薄弱 counties are vetoed for a term past its due
# date without re-election, 白沙县 has no reproductive-health data and
# scores 0 there; six assessor-scored items are left blank in the demo's form
# and show as 未评分.
#
# usage: test_demo.sh KAOPING SCRATCH
set -u
kaoping=$(realpath "$1")
rules=$(realpath "$(dirname "$0")/../../scripts/rules/2023.lua")
scratch=$2/e2e
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 1

failures=0
checks=0
fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }
check() { checks=$((checks + 1)); "$@" || fail "$*"; }
contains() { grep -q -F -- "$2" "$1" || { echo "$1 lacks: $2" >&2; return 1; }; }
# The strings appear in this order in the file.
in_order() {
  local file=$1; shift
  local text; text=$(tr -d '\n' <"$file")
  for s in "$@"; do
    case $text in
      *"$s"*) text=${text#*"$s"} ;;
      *) echo "$file lacks (in order): $s" >&2; return 1 ;;
    esac
  done
}

checks=$((checks + 1))
"$kaoping" demo city >demo.txt 2>demo.err || { fail "kaoping demo failed"; cat demo.err >&2; }
check contains demo.txt "imported 18 files"
check contains demo.txt "19 reports written"
check test "$(ls city/*.pdf | wc -l)" -eq 19

# The ranking: ties share a rank and the next is skipped; vetoes cap grades.
"$kaoping" results --db city/kaoping.db --format csv | cut -d, -f1,3,14,15 >ranking.csv
check in_order ranking.csv "1,江岸区,95.21,优秀" "2,青山区,93.79,优秀" "3,江北区,93.19,优秀" \
  "4,东湖区,90.69,优秀" "5,长岭县,81.15,良好" "6,白沙县,77.11,合格" "7,临江市,70.28,合格" \
  "8,南湖县,66.76,合格" "9,云台县,48.50,不合格" "10,石门县,48.29,不合格"
check contains demo.txt "6 assessor-scored item(s) left 未评分"

# One county in detail: figures, targets, points, explanations, evidence.
"$kaoping" results --db city/kaoping.db --unit 420108000000 >shimen.txt
check contains shimen.txt "总分 48.29（满分 100），等次 不合格，第 10 名"
check contains shimen.txt "一票否决：县级计生协按期换届：否，触发一票否决"
check contains shimen.txt "57.14%，目标100%，完成57.14%，得2.86分（满分5分）"
check contains shimen.txt "420108104000 太溪镇  本年度未开展宣讲"
# Only 宣讲 count as 宣讲场次 (the county also held trainings and meetings).
check contains shimen.txt "5场，目标12场，完成41.67%，得1.25分（满分3分）"
check contains shimen.txt "评审打分，得0分（满分2分）；评审人：王敏，理由：未提供佐证材料"
"$kaoping" results --db city/kaoping.db --unit 420110000000 >yuntai.txt
check contains yuntai.txt "未评分：评审尚未打分（满分2分）"
"$kaoping" results --db city/kaoping.db --unit 420107000000 >baisha.txt
check contains baisha.txt "无数据（本年度没有青春健康项目记录），按规则计0分（满分4分）"

# The assessors' form: one row per county and manual item, with the guide.
checks=$((checks + 1))
"$kaoping" template --manual --db city/kaoping.db forms >form.txt 2>form.err ||
  { fail "template --manual failed"; cat form.err >&2; }
check contains form.txt "评审打分表: 80 rows"
check contains forms/manual_scores.csv "单位代码,单位名称,年度,工作领域,考评项目代码,考评项目,满分,评分标准,得分,评审人,评分理由,佐证材料"
check contains forms/manual_scores.csv "420110000000,云台县,2023,publicity,talk_quality,"
# Points beyond the item's maximum are refused with the form's line, and nothing is stored.
printf '单位代码,年度,工作领域,考评项目代码,得分,评审人,评分理由\n420110000000,2023,publicity,talk_quality,2,陈静,补交材料\n420110000000,2023,publicity,talk_quality,3,陈静,多打了\n' >bad.csv
"$kaoping" score import --db city/kaoping.db bad.csv >bad.out 2>bad.err
check test $? -eq 1
check contains bad.err "bad.csv:3: 得分: 3 is outside 0..2"
check contains bad.err "nothing was imported"
# A good form fills the blank; a re-run of the assessment scores it.
head -2 bad.csv >good.csv
check "$kaoping" score import --db city/kaoping.db good.csv
# A county's 自评 is stored beside the assessors' score, under its own titles.
printf '单位代码,年度,工作领域,考评项目代码,自评得分,自评说明\n420110000000,2023,publicity,talk_quality,2,全部乡镇已宣讲\n' >self.csv
"$kaoping" score import --self --db city/kaoping.db self.csv >self.out 2>&1
check contains self.out "1 self-assessment(s) stored"
"$kaoping" assess --db city/kaoping.db --rules "$rules" --year 2023 >assess.txt 2>assess.err
check contains assess.err "5 assessor-scored item(s) have no score yet"
"$kaoping" results --db city/kaoping.db --unit 420110000000 >yuntai2.txt
check contains yuntai2.txt "评审打分，得2分（满分2分）；评审人：陈静，理由：补交材料"
check contains yuntai2.txt "自评 自评说明  全部乡镇已宣讲"

# Figures print exactly, with their units and thousands grouped for people,
# plain for programs; never 3.751e+04 or 1是否.
"$kaoping" indicators --db city/kaoping.db --year 2023 --unit 420108000000 >ind.txt
check contains ind.txt "organization.county_reelected_on_time 县级计生协按期换届: 否"
check contains ind.txt "family_support.accident_insured 计生家庭意外伤害保险参保人数: 2,981人"
check contains ind.txt "      宣传品数量: 610"
check test "$(grep -c 'e+0\|是否$' ind.txt)" -eq 0
"$kaoping" indicators --db city/kaoping.db --year 2023 --unit 420108000000 --format csv >ind.csv
check contains ind.csv "420108000000,family_support,accident_insured,计生家庭意外伤害保险参保人数,value,2981,人,,"
"$kaoping" indicators --db city/kaoping.db --year 2023 --format json >ind.json
check contains ind.json '"indicator": "accident_insured", "title": "计生家庭意外伤害保险参保人数", "measure": "人", "status": "value", "value": 2981,'

# The reports say the same.
pdftotext city/city.pdf city.txt
check in_order city.txt "全市计划生育协会工作目标考评总报告" "二、综合排名" "江岸区" "青山区" \
  "江北区" "东湖区" "长岭县" "白沙县" "临江市" "南湖县" "云台县" "石门县"
pdftotext "city/county-420108000000-石门县.pdf" shimen-pdf.txt
check in_order shimen-pdf.txt "2023年度石门县计划生育协会工作目标考评报告" "一、考评结果" "48.29" \
  "不合格" "（一）宣传贯彻党的二十大精神" "未开展宣讲的乡镇（3 个）：太溪镇、王畈镇、石台镇" \
  "年每月报送信息篇数" "三、评审打分项目" "四、整改建议" "县级计生协按期换届：否，触发一票否决"
# The assessor-scored items: guide, points, reason, and the county's 自评 beside them.
pdftotext "city/county-420110000000-云台县.pdf" yuntai-pdf.txt
check in_order yuntai-pdf.txt "三、评审打分项目" "以下8项工作没有数据可以判断" \
  "其中1项评审尚未打分，显示为“未评分”" "“学习二十大 奋进新征程”宣讲的特色与成效" "未评分" \
  "评分标准：宣讲围绕党的二十大报告精神实质" "评审尚未打分。自评说明：已按要求全面开展。" \
  "【婚育文化】新型婚育文化宣传和评选表彰先进：评审得0.00分，失1.00分。"
pdftotext "city/county-420107000000-白沙县.pdf" baisha-pdf.txt
check contains baisha-pdf.txt "无数据"
pdftotext "city/area-health_promotion-推进健康促进行动.pdf" area.txt
check contains area.txt "推进健康促进行动"
check in_order area.txt "江岸区" "石门县"
# Each indicator says how it is computed; an assessed item gives its guide.
pdftotext "city/area-publicity-宣传贯彻党的二十大精神.pdf" area-pub.txt
check in_order area-pub.txt "全县宣讲活动场次" "计分方法：按完成比例计分：达到目标12得3分" \
  "“学习二十大 奋进新征程”宣讲的特色与成效" "分值2.00分，由评审按评分标准打分" \
  "1个评审尚未打分（未评分）" "评分标准：宣讲围绕党的二十大报告精神实质"

echo "$checks checks, $failures failed" >&2
[ "$failures" -eq 0 ] && [ "$checks" -gt 0 ]
