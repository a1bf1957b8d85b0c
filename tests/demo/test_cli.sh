#!/bin/bash
# test_cli.sh — `kaoping demo` and `kaoping template` as a user runs them:
# exit codes, what they write, what they refuse, and that templates for staff
# import back as empty tables.
#
# usage: test_cli.sh KAOPING SCRATCH
set -u
kaoping=$(realpath "$1")
scratch=$2/cli
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 1

failures=0
checks=0
fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }
check() { checks=$((checks + 1)); "$@" || fail "$*"; }
status_is() { # expected, command...
  local want=$1; shift
  checks=$((checks + 1))
  "$@" >out.txt 2>err.txt
  local got=$?
  [ "$got" -eq "$want" ] || { fail "exit $got, not $want: $*"; cat out.txt err.txt >&2; }
}
contains() { grep -q -- "$2" "$1" || { echo "$1 lacks: $2" >&2; return 1; }; }

# ---- demo ----------------------------------------------------------------
status_is 0 "$kaoping" demo city --counties 3 --seed 5
check contains out.txt "江岸区  示范"
check contains out.txt "imported 18 files"
# Assessed with the shipped rules, and every report rendered.
check contains out.txt "名次  县市区"
check contains out.txt "reports written"
check test -s city/city.pdf
check test "$(ls city/county-*.pdf | wc -l)" -eq 3
check test "$(ls city/area-*.pdf | wc -l)" -eq 8
check test -s city/kaoping.db
check test -s city/data/units.csv
check test -s city/data/health_lectures.csv

# The same options give the same files; the folder is kaoping's, so it is replaced.
cp city/data/units.csv units.first
status_is 0 "$kaoping" demo city --counties 3 --seed 5 --quiet
check cmp -s units.first city/data/units.csv
check test "$(wc -l <out.txt)" -eq 1

# The reports are kaoping's too: a third run replaces them.
status_is 0 "$kaoping" demo city --counties 3 --seed 5 --quiet

# A file kaoping did not write stops it, and stays.
echo mine >city/data/notes.txt
status_is 1 "$kaoping" demo city --counties 3
check contains err.txt "data/notes.txt"
check test -f city/data/notes.txt
check test -s city/kaoping.db

# A folder of someone else's files is never touched.
mkdir -p theirs && echo keep >theirs/report.xlsx
status_is 1 "$kaoping" demo theirs
check test "$(ls theirs)" = report.xlsx

status_is 2 "$kaoping" demo --counties 0
check contains err.txt "--counties"
status_is 2 "$kaoping" demo --scale lots
status_is 2 "$kaoping" demo a b
status_is 0 "$kaoping" demo --help
check contains out.txt "usage: kaoping demo"

# ---- template --------------------------------------------------------------
status_is 0 "$kaoping" template --format csv --all forms
check test -f forms/填表说明.txt
for f in forms/*.csv; do
  check test "$(head -c 3 "$f" | od -An -tx1 | tr -d ' \n')" = efbbbf
  check test "$(head -n 1 "$f" | tail -c 2 | od -An -tx1 | tr -d ' \n')" = 0d0a
  check contains forms/填表说明.txt "$(basename "$f")"
done
check test "$(head -n 1 forms/health_lectures.csv)" = $'\xEF\xBB\xBF单位代码,日期,主题,参加人数\r'
check test "$(head -n 1 forms/units.csv)" = $'\xEF\xBB\xBF单位代码,单位名称,层级,上级代码\r'
check contains forms/填表说明.txt "家庭健康知识大讲堂"
check contains forms/填表说明.txt "只能填以下之一"
check contains forms/填表说明.txt "示例：420102001001"
# What a column holds comes from the plugin that owns it.
check contains forms/填表说明.txt "说明：配备的家庭健康指导员人数，2名以上为达标"
check contains forms/填表说明.txt "示例：东湖社区向日葵亲子小屋"
# Empty templates import as empty tables.
status_is 0 "$kaoping" init --db forms.db
status_is 0 "$kaoping" import --db forms.db forms
check contains out.txt "0 rows"

# One table, by id or by its Chinese title, into a new folder.
status_is 0 "$kaoping" template --format csv health_lectures one
check test "$(ls one | sort | tr '\n' ' ')" = "health_lectures.csv 填表说明.txt "
status_is 0 "$kaoping" template --format csv 家庭健康指导员 two
check test -f two/health_instructors.csv
# A template that exists may hold a county's figures: kept unless --force.
echo "filled in" >>one/health_lectures.csv
status_is 1 "$kaoping" template --format csv health_lectures one
check contains one/health_lectures.csv "filled in"
status_is 0 "$kaoping" template --format csv --force health_lectures one
check test "$(wc -l <one/health_lectures.csv)" -eq 1
# The guide is a file like the others: kept, and never a FIFO or device.
echo "notes" >two/填表说明.txt
rm two/health_instructors.csv
status_is 1 "$kaoping" template --format csv 家庭健康指导员 two
check contains two/填表说明.txt "notes"
check test ! -e two/health_instructors.csv
rm -rf three && mkdir three && mkfifo three/health_lectures.csv
status_is 1 timeout 10 "$kaoping" template --format csv --force health_lectures three
check contains err.txt "is not a regular file"
check test -p three/health_lectures.csv
# The same for a form.
rm -rf three && mkdir three && mkfifo three/health_lectures.xlsx
status_is 1 timeout 10 "$kaoping" template --force health_lectures three
check contains err.txt "is not a regular file"
check test -p three/health_lectures.xlsx
status_is 2 "$kaoping" template no_such_table
check contains err.txt "health_lectures"
status_is 2 "$kaoping" template
status_is 2 "$kaoping" template --all a b
status_is 2 "$kaoping" template --format ods --all a

# ---- xlsx forms (the default) ------------------------------------------------
status_is 0 "$kaoping" template --all xforms
check test -s xforms/health_lectures.xlsx
check test -s xforms/units.xlsx
sheet() { unzip -p "$1" "xl/worksheets/sheet$2.xml"; }
sheet xforms/health_lectures.xlsx 1 >lectures.xml
check contains lectures.xml "<sheetProtection"
check contains lectures.xml 'type="date"'
check contains lectures.xml 'type="whole" operator="greaterThanOrEqual"'
check contains lectures.xml 'promptTitle="参加人数"'
check contains lectures.xml 'prompt="必填：举办讲堂的乡镇（街道）或村（社区）的单位代码；'
unzip -p xforms/health_lectures.xlsx xl/workbook.xml >book.xml
check contains book.xml 'name="家庭健康知识大讲堂"'
check contains book.xml 'name="填表说明"'
# Unit codes are text cells, dates date cells: the number formats of the columns.
unzip -p xforms/health_lectures.xlsx xl/styles.xml >styles.xml
check contains styles.xml 'formatCode="@"'
check contains styles.xml 'formatCode="yyyy-mm-dd"'
sheet xforms/health_projects.xlsx 1 >projects.xml
check contains projects.xml 'type="list"'
# Empty forms import as empty tables.
status_is 0 "$kaoping" init --db xforms.db
status_is 0 "$kaoping" import --db xforms.db xforms
check contains out.txt "imported 18 files, 0 rows"

# A county's workbook, pre-filled with its townships and villages, imports as
# it is: rows nobody filled in are skipped with a note.
status_is 0 "$kaoping" template --unit 420102000000 --db city/kaoping.db --year 2023 county
check contains out.txt "江北区"
check test -s county/420102000000.xlsx
unzip -p county/420102000000.xlsx xl/sharedStrings.xml >county.xml
check contains county.xml "单位名称（参考）"
cp city/kaoping.db county.db
status_is 0 "$kaoping" import --db county.db county/420102000000.xlsx
check contains err.txt "预填了单位但没有填写数据，已跳过"
status_is 1 "$kaoping" template --unit 999999000000 --db city/kaoping.db county2
check contains err.txt "不是数据库里登记的县级单位"
status_is 2 "$kaoping" template --unit 420102000000 --format csv

echo "$checks checks, $failures failed" >&2
[ "$failures" -eq 0 ] && [ "$checks" -gt 0 ]
