#!/bin/bash
# test_cli.sh — the foundation commands as a user types them: init, import,
# plugins, indicators; exit codes 0 (done), 1 (the work failed), 2 (the
# command line was wrong); every command's --help.
#
# usage: test_cli.sh KAOPING DATA_DIR SCRATCH
set -u
kaoping=$(realpath "$1")
lib=$(dirname "$(realpath "$0")")/lib.sh
data=$(realpath "$2")
scratch=$3/cli
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 1

. "$lib"

for cmd in init plugins import indicators check assess results report chart demo template imports undo delete runs publish compare; do
  status_is 0 "$kaoping" "$cmd" --help
  check contains out.txt "usage: kaoping $cmd"
done
status_is 2 "$kaoping"
status_is 2 "$kaoping" frobnicate
check contains err.txt "unknown command 'frobnicate'"
status_is 0 "$kaoping" --help

# A database that is not there is not made behind the user's back.
status_is 1 "$kaoping" import --db none.db "$data"
check contains err.txt "no such database; create it with 'kaoping init --db none.db'"
check test ! -e none.db

status_is 0 "$kaoping" init --db t.db
check contains out.txt "created t.db"
status_is 0 "$kaoping" init --db t.db
check contains out.txt "brought up to date"
status_is 0 "$kaoping" import --db t.db "$data"
check contains out.txt "health_instructors.csv → health_instructors (GB18030): 3 rows: 3 added"
check contains out.txt "imported 4 files, 20 rows: 20 added, 0 replaced, 0 removed, 0 unchanged"
status_is 0 "$kaoping" import --db t.db "$data"
check contains out.txt "0 added, 0 replaced, 0 removed, 20 unchanged"

# A bad file: every problem at its file:line, exit 1, nothing stored.
printf 'unit,date,title\n420102001000,2023-02-30,a\n420199000000,2023-03-01,b\n' >health_lectures.csv
status_is 1 "$kaoping" import --db t.db health_lectures.csv
check contains err.txt "health_lectures.csv:2: date: \"2023-02-30\""
check contains err.txt "health_lectures.csv:3: unit: unit code \"420199000000\" is not in units.csv"
check contains err.txt "2 problems found; nothing was imported"
status_is 0 "$kaoping" plugins --db t.db
check contains out.txt "table health_lectures — 家庭健康知识大讲堂 (5 rows)"
check contains out.txt "indicator health_promotion.lecture_coverage"

status_is 0 "$kaoping" indicators --db t.db --year 2023 --unit 420102000000
check contains out.txt "health_promotion.lecture_coverage 基层协会开展家庭健康知识大讲堂覆盖率: 60%"
check contains out.txt "420102001002 西湖村 本年度未开展大讲堂"
status_is 1 "$kaoping" indicators --db t.db --year 2023 --unit 999
check contains err.txt "999 is not a county"
status_is 2 "$kaoping" indicators --db t.db
check contains err.txt "--year is required"
status_is 2 "$kaoping" indicators --db t.db --year 23
status_is 2 "$kaoping" import --db t.db --bogus x

echo "$checks checks, $failures failed" >&2
[ "$failures" -eq 0 ] && [ "$checks" -gt 0 ]
