#!/bin/bash
# test_runs.sh — managing assessment runs as an administrator does: a dry
# run stores nothing, runs are drafts until published, one official run per
# year (publishing another says what it replaces), what reads a run defaults
# to the official one, else the latest draft with a note (and 草稿 on the
# report's cover), runs go stale when data changes, and stored runs cannot be
# altered.
#
# usage: test_runs.sh KAOPING DATA_DIR SOURCE_ROOT SCRATCH
set -u
kaoping=$(realpath "$1")
lib=$(dirname "$(realpath "$0")")/lib.sh
data=$(realpath "$2")
root=$(realpath "$3")
scratch=$4/runs
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 1
. "$lib"
rules=$root/scripts/rules/2023.lua
sql() { sqlite3 t.db "$1"; }

status_is 0 "$kaoping" init --db t.db
status_is 0 "$kaoping" import --db t.db "$data"

status_is 0 "$kaoping" assess --db t.db --rules "$rules" --year 2023 --dry-run
check contains out.txt "江北区"
check contains err.txt "dry run (试算): nothing was stored"
check test "$(sql 'SELECT count(*) FROM assessment_runs')" = 0
check test "$(sql 'SELECT count(*) FROM run_scores')" = 0

status_is 0 "$kaoping" assess --db t.db --rules "$rules" --year 2023 --label 第一次试算
check contains err.txt "assessment run 1 stored as a draft (草稿; 'kaoping publish 1' makes it official)"
status_is 0 "$kaoping" runs --db t.db
check contains out.txt "scripts/rules/2023.lua ("
check contains out.txt "草稿  第一次试算"
status_is 0 "$kaoping" results --db t.db
check contains err.txt "note: run 1 is a draft (草稿); no run of its year is official yet"

# The draft's report says so on its cover.
status_is 0 "$kaoping" report --db t.db --layout "$root/reports/county.lua" --unit 420102000000 -o draft.pdf
check contains err.txt "note: run 1 is a draft (草稿)"
pdftotext draft.pdf draft.txt
check contains draft.txt "草稿（试算）"

status_is 0 "$kaoping" publish --db t.db 1
check contains out.txt "run 1 is now the official run of 2023"
status_is 1 "$kaoping" publish --db t.db 1
check contains err.txt "run 1 is already the official run of 2023"
status_is 1 "$kaoping" publish --db t.db 9
check contains err.txt "there is no assessment run 9"

# A second run is a draft; what reads a run still reads the official one.
status_is 0 "$kaoping" assess --db t.db --rules "$rules" --year 2023
status_is 0 "$kaoping" results --db t.db --format json
check test ! -s err.txt
status_is 0 "$kaoping" report --db t.db --layout "$root/reports/county.lua" --unit 420102000000 -o official.pdf
pdftotext official.pdf official.txt
check test -s official.txt
grep -q "草稿" official.txt && fail "the official run's report says 草稿"
status_is 0 "$kaoping" publish --db t.db 2
check contains out.txt "run 2 is now the official run of 2023; it replaces run 1, which is a draft again"
check test "$(sql 'SELECT group_concat(id) FROM assessment_runs WHERE official')" = 2

# Data imported after a run makes it stale; undoing the import does too.
status_is 0 "$kaoping" runs --db t.db
grep -q stale out.txt && fail "runs are stale before any change"
printf 'unit,date,title,participants\n420103001001,2023-04-27,慢病防治讲座,40\n420103001001,2023-07-11,"心理健康\n（第二期）",50\n' >health_lectures.csv
status_is 0 "$kaoping" import --db t.db health_lectures.csv
status_is 0 "$kaoping" runs --db t.db
check test "$(grep -c 'stale$' out.txt)" = 2

# A rules change compared: lecture coverage of 100% → 50% for full marks.
sed 's/rule = ratio { target = 100, points = 7 }/rule = ratio { target = 50, points = 7 }/' "$rules" >2023b.lua
status_is 0 "$kaoping" assess --db t.db --rules 2023b.lua --year 2023 --label 讲堂目标调整
status_is 0 "$kaoping" compare --db t.db 2 3
check contains out.txt "考评记录 2 → 3 的变化"
check test "$(sed -n 2p out.txt | cut -d' ' -f1)" = 南山县
check contains out.txt "(+3.50)"
check contains out.txt "health_promotion 举办家庭健康知识大讲堂的基层协会占比: 3.50 → 7.00"
check contains out.txt "之后："
status_is 0 "$kaoping" compare --db t.db --format json 2 3
check contains out.txt '"item": "lecture_coverage", "title": "举办家庭健康知识大讲堂的基层协会占比", "points_before": 3.50, "points_after": 7.00'
status_is 0 "$kaoping" compare --db t.db --format csv 2 3
check contains out.txt "420103000000,南山县,,,总分,"
status_is 0 "$kaoping" compare --db t.db --xlsx cmp.xlsx 2 3
unzip -p cmp.xlsx xl/workbook.xml >book.txt
check contains book.txt "规则调整影响"
unzip -p cmp.xlsx xl/sharedStrings.xml >strings.txt
check contains strings.txt "举办家庭健康知识大讲堂的基层协会占比"
check contains strings.txt "之后说明"
# The shipped layout: the draft against the official run of its year.
status_is 0 "$kaoping" report --db t.db --run 3 --layout "$root/reports/compare.lua" -o cmp.pdf
pdftotext cmp.pdf - | tr -d '\n' >cmp.txt
check contains cmp.txt "考评规则调整影响说明"
check contains cmp.txt "本说明将第3次考评记录（草稿"
check contains cmp.txt "与第2次考评记录（正式"
check contains cmp.txt "全市2个县（市、区）中，2个总分发生变化"
check contains cmp.txt "50%，目标50%，完成100%，得7分"
status_is 1 "$kaoping" compare --db t.db 2 7
check contains err.txt "there is no assessment run 7"

# The year before: an official 2022 run shows beside 2023 in the county report.
sed 's/year = 2023/year = 2022/' "$rules" >2022.lua
status_is 0 "$kaoping" assess --db t.db --rules 2022.lua --year 2022
status_is 0 "$kaoping" publish --db t.db 4
check contains out.txt "run 4 is now the official run of 2022"
status_is 0 "$kaoping" report --db t.db --run 2 --layout "$root/reports/county.lua" --unit 420102000000 -o withprev.pdf
pdftotext withprev.pdf - | tr -d '\n' >withprev.txt
check contains withprev.txt "上年（2022年度）得分"
check contains withprev.txt "较上年"
# and the city report draws the city average over both years.
status_is 0 "$kaoping" report --db t.db --run 2 --layout "$root/reports/city.lua" -o city.pdf
pdftotext city.pdf - | tr -d '\n' >city.txt
check contains city.txt "历年全市平均总分"

# A layout copied out of reports/ to be adapted finds the shared helpers.
mkdir mine && cp "$root/reports/county.lua" mine/
status_is 0 "$kaoping" report --db t.db --layout mine/county.lua --unit 420102000000 -o mine.pdf
check test -s mine.pdf

# Runs are immutable.
checks=$((checks + 1))
sql "UPDATE run_units SET total = 100" 2>err.txt && fail "a stored run was changed"
check contains err.txt "an assessment run is immutable"

[ "$checks" -gt 25 ] || fail "only $checks checks ran"
echo "$checks checks, $failures failures"
exit $((failures > 0))
