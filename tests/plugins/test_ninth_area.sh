#!/bin/bash
# test_ninth_area.sh — a work area added as one folder, with no change to the
# core: the member_training plugin (tests/plugins/ninth_area, built there and
# found through KAOPING_PLUGIN_PATH) is listed, templated, imported, checked,
# assessed and reported like the shipped eight, beside two shipped areas that
# have no data here, and written by the demo city through the area's own
# sample_rows.  Figures by hand: 江北区 held 2 trainings in 2023 with
# 35 + 20 trainees (20 + 30 = 50 points, 长岭镇 held none); 南山县 held 1
# with 12 (the 2022 row does not count): 1/2 × 20 = 10 and 12/50 × 30 = 7.2,
# 17.2 points.
#
# usage: test_ninth_area.sh KAOPING PLUGIN_DIR DATA_DIR UNITS SCRATCH
set -u
kaoping=$(realpath "$1")
export KAOPING_PLUGIN_PATH=$(realpath "$2")
data=$(realpath "$3")
units=$(realpath "$4")
root=$(realpath "$(dirname "$0")/../..")
scratch=$5/ninth_area
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 1

# The shared checks (check, status_is, contains) of the shell tests.
. "$root/tests/hardening/lib.sh"
lacks() { ! grep -q -F -- "$2" "$1" || { echo "$1 has: $2" >&2; return 1; }; }

status_is 0 "$kaoping" plugins
check contains out.txt "member_training"
check contains out.txt "member_trainings"
check lacks err.txt "refused"

# The template and its 填表说明 come from the plugin's own words.
status_is 0 "$kaoping" template --format csv member_trainings forms
check test "$(head -n 1 forms/member_trainings.csv)" = $'\xEF\xBB\xBF单位代码,日期,主题,培训人数\r'
check contains forms/填表说明.txt "说明：参加培训的会员骨干人数"
check contains forms/填表说明.txt "示例：会员骨干业务培训班"

status_is 0 "$kaoping" init --db t.db
status_is 0 "$kaoping" import --db t.db "$units" "$data/member_trainings.csv"
check contains out.txt "4 rows"

# A rules file refers to the area by its plugin id, as to a shipped one.
status_is 0 "$kaoping" check "$data/rules.lua"
check lacks out.txt "warning"
check lacks err.txt "warning"

status_is 0 "$kaoping" assess --rules "$data/rules.lua" --year 2023 --db t.db --format csv
check contains out.txt "江北区"
status_is 0 "$kaoping" results --db t.db --format csv
cut -d, -f1,3,4 out.txt >ranking.csv
check contains ranking.csv "1,江北区,50"
check contains ranking.csv "2,南山县,17.2"
status_is 0 "$kaoping" results --db t.db --unit 420102000000
check contains out.txt "会员骨干培训"
check contains out.txt "长岭镇"
check contains out.txt "本年度未开展培训"

# The shipped layouts report on it like any other area.
status_is 0 "$kaoping" report --db t.db --layout "$root/reports/area.lua" --unit member_training \
  -o area.pdf
pdftotext area.pdf area.txt
check contains area.txt "会员骨干培训"
check contains area.txt "南山县"
status_is 0 "$kaoping" report --db t.db --layout "$root/reports/county.lua" --unit 420103000000 \
  -o county.pdf
pdftotext county.pdf county.txt
check contains county.txt "会员骨干培训"
check contains county.txt "17.2"

# The demo city with the area loaded: its plugin's sample_rows writes the
# table, county by county, and the demo imports it like the shipped eight.
status_is 0 "$kaoping" demo --counties 3 --quiet city
check contains city/data/member_trainings.csv "会员骨干"
rows=$(($(wc -l <city/data/member_trainings.csv) - 1))
check test "$rows" -gt 3
check test "$(sql city/kaoping.db 'SELECT count(*) FROM member_trainings')" = "$rows"
# Every county's rows, and only rows of the assessed year.
check test "$(sql city/kaoping.db "SELECT count(DISTINCT u.county) FROM member_trainings t
  JOIN units u ON u.code = t.unit WHERE t.date LIKE '2023-%'")" = 3
# The same seed writes the same rows.
cp city/data/member_trainings.csv first.csv
status_is 0 "$kaoping" demo --counties 3 --quiet city
check cmp -s first.csv city/data/member_trainings.csv
# Assessed with the area's rules, it is in the results and the reports.
status_is 0 "$kaoping" assess --rules "$data/rules.lua" --year 2023 --db city/kaoping.db
status_is 0 "$kaoping" results --db city/kaoping.db --unit 420101000000
check contains out.txt "培训会员骨干人数"
status_is 0 "$kaoping" report --db city/kaoping.db --layout "$root/reports/area.lua" \
  --unit member_training -o city-area.pdf
pdftotext city-area.pdf city-area.txt
check contains city-area.txt "会员骨干培训"
check contains city-area.txt "江岸区"
check contains city-area.txt "青山区"
status_is 0 "$kaoping" report --db city/kaoping.db --layout "$root/reports/city.lua" \
  -o city.pdf
pdftotext city.pdf city.txt
check contains city.txt "骨干培训"

echo "$checks checks, $failures failed" >&2
[ "$failures" -eq 0 ] && [ "$checks" -gt 0 ]
