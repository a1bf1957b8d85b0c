#!/bin/bash
# test_demo.sh — the whole job end to end, as the README's main command runs
# it: the demo city (seed 1) is written, imported, assessed with
# scripts/rules/2023.lua, and every report rendered.  The figures below were
# read and checked by hand against the demo's county profiles: the two 示范
# counties tie for first with the health-project bonus (102), the two 薄弱
# counties are vetoed for not re-electing, 白沙县 has no reproductive-health
# data and scores 0 there.
#
# usage: test_demo.sh KAOPING SCRATCH
set -u
kaoping=$(realpath "$1")
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
check in_order ranking.csv "1,江岸区,102,优秀" "1,青山区,102,优秀" "3,东湖区,98.24,优秀" \
  "4,江北区,97.77,优秀" "5,长岭县,86.78,良好" "6,白沙县,79.81,合格" "7,临江市,73.72,合格" \
  "8,南湖县,73.51,合格" "9,石门县,44.91,不合格" "10,云台县,44.65,不合格"

# One county in detail: figures, targets, points, explanations, evidence.
"$kaoping" results --db city/kaoping.db --unit 420108000000 >shimen.txt
check contains shimen.txt "总分 44.91（满分 100），等次 不合格，第 9 名"
check contains shimen.txt "一票否决：县级计生协按期换届：否，触发一票否决"
check contains shimen.txt "57.14%，目标100%，完成57.14%，得3.43分（满分6分）"
check contains shimen.txt "420108104000 太溪镇  本年度未开展宣讲"
check contains shimen.txt "8场，目标12场，完成66.67%，得2.67分（满分4分）"
"$kaoping" results --db city/kaoping.db --unit 420107000000 >baisha.txt
check contains baisha.txt "无数据（本年度没有青春健康项目记录），按规则计0分（满分5分）"

# The reports say the same.
pdftotext city/city.pdf city.txt
check in_order city.txt "全市计划生育协会工作目标考评总报告" "二、综合排名" "江岸区" "青山区" \
  "东湖区" "江北区" "长岭县" "白沙县" "临江市" "南湖县" "石门县" "云台县"
pdftotext "city/county-420108000000-石门县.pdf" shimen-pdf.txt
check in_order shimen-pdf.txt "2023年度石门县计划生育协会工作目标考评报告" "一、考评结果" "44.91" \
  "不合格" "（一）宣传贯彻党的二十大精神" "未开展宣讲的乡镇（3 个）：太溪镇、王畈镇、石台镇" \
  "年每月报送信息篇数" "三、整改建议" "县级计生协按期换届：否，触发一票否决"
pdftotext "city/county-420107000000-白沙县.pdf" baisha-pdf.txt
check contains baisha-pdf.txt "无数据"
pdftotext "city/area-health_promotion-推进健康促进行动.pdf" area.txt
check contains area.txt "推进健康促进行动"
check in_order area.txt "江岸区" "石门县"

echo "$checks checks, $failures failed" >&2
[ "$failures" -eq 0 ] && [ "$checks" -gt 0 ]
