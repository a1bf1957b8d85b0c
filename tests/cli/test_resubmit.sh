#!/bin/bash
# test_resubmit.sh — a season of resubmissions as staff live it: a county
# resends its lecture file with one date corrected, the file replaces what it
# covers, the guard stops a file that would empty a county, every import and
# deletion is listed, and undo brings back exactly the database before
# (sqlite3 .dump compared, the data version aside) for every kind of import.
#
# usage: test_resubmit.sh KAOPING DATA_DIR SCRATCH
set -u
kaoping=$(realpath "$1")
lib=$(dirname "$(realpath "$0")")/lib.sh
data=$(realpath "$2")
scratch=$3/resubmit
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 1

. "$lib"
sql() { sqlite3 t.db "$1"; }
is() { # expected, sql
  local got; got=$(sql "$2")
  [ "$got" = "$1" ] || { echo "$2: got '$got', want '$1'" >&2; return 1; }
}
# The database as text; the data version counts every change and goes on.
dump() { sqlite3 t.db .dump | grep -v "'data_version'" >"$1"; }
same_dump() { dump after.sql; cmp -s "$1" after.sql || { diff "$1" after.sql | head -20 >&2; return 1; }; }
last_import() { sql "SELECT max(id) FROM kp_imports"; }

status_is 0 "$kaoping" init --db t.db
status_is 0 "$kaoping" import --db t.db "$data"

# 南山县 sends its 2023 lectures: the one on 4/27 is new.
mkdir v1 v2
printf 'unit,date,title,participants\n420103001001,2023-04-27,慢病防治讲座,40\n420103001001,2023-07-11,"心理健康\n（第二期）",50\n' >v1/health_lectures.csv
dump before_add.sql
status_is 0 "$kaoping" import --db t.db v1/health_lectures.csv
check contains out.txt "2 rows: 1 added, 0 replaced, 0 removed, 1 unchanged"
add=$(last_import)

# It resends the file with the date corrected to 4/28: the 4/27 row goes.
sed 's/2023-04-27/2023-04-28/' v1/health_lectures.csv >v2/health_lectures.csv
dump before_replace.sql
status_is 0 "$kaoping" import --db t.db v2/health_lectures.csv
check contains out.txt "1 added, 0 replaced, 1 removed, 1 unchanged"
check is "2023-04-28" "SELECT group_concat(date) FROM health_lectures WHERE title = '慢病防治讲座'"
check is 2 "SELECT count(*) FROM health_lectures WHERE unit = '420103001001'"
# The lecture counts once in the indicator.
status_is 0 "$kaoping" indicators --db t.db --year 2023
check contains out.txt "南山县"
replace=$(last_import)

status_is 0 "$kaoping" imports --db t.db
check contains out.txt "replace +1 ~0 -1 =1"
check contains out.txt "v2/health_lectures.csv"

# Undo the correction, then the first submission: the database is as before each.
status_is 1 "$kaoping" undo --db t.db "$add"
check contains err.txt "import $add cannot be undone yet: import $replace changed the same rows later; undo it first"
status_is 0 "$kaoping" undo --db t.db "$replace"
check same_dump before_replace.sql
status_is 0 "$kaoping" undo --db t.db "$add"
check same_dump before_add.sql
status_is 1 "$kaoping" undo --db t.db "$add"
check contains err.txt "there is no import $add"

# A file covers its county and its year only: 江北区's 2023 file leaves 2022 alone,
# and a changed value is a replacement.
printf 'unit,date,title,participants\n420102001000,2023-03-05,"健康生活, 从我做起",46\n420102001001,2023-05-29,合理膳食,30\n420102002001,2023-06-01,"家庭""健康""讲座",25\n' >jb.csv
dump before_replace.sql
status_is 0 "$kaoping" import --db t.db health_lectures=jb.csv
check contains out.txt "0 added, 1 replaced, 0 removed, 2 unchanged"
check is 1 "SELECT count(*) FROM health_lectures WHERE date = '2022-12-30'"
status_is 0 "$kaoping" undo --db t.db "$(last_import)"
check same_dump before_replace.sql

# The guard: one lecture of three would remove two; refused unless --force.
head -2 jb.csv >short.csv
status_is 1 "$kaoping" import --db t.db health_lectures=short.csv
check contains err.txt "short.csv:1: this file would remove 2 of the 3 rows 江北区 420102000000 holds in table health_lectures (more than half)"
check contains err.txt "nothing was imported"
check is 3 "SELECT count(*) FROM health_lectures WHERE unit LIKE '420102%' AND date LIKE '2023%'"
status_is 0 "$kaoping" import --db t.db --force health_lectures=short.csv
check contains out.txt "0 added, 1 replaced, 2 removed, 0 unchanged"
status_is 0 "$kaoping" undo --db t.db "$(last_import)"
check same_dump before_replace.sql

# --merge: key by key, nothing removed.
status_is 0 "$kaoping" import --db t.db --merge health_lectures=short.csv
check contains out.txt "0 added, 1 replaced, 0 removed, 0 unchanged"
check is 3 "SELECT count(*) FROM health_lectures WHERE unit LIKE '420102%' AND date LIKE '2023%'"
status_is 0 "$kaoping" imports --db t.db
check contains out.txt "merge   +0 ~1 -0 =0"
status_is 0 "$kaoping" undo --db t.db "$(last_import)"
check same_dump before_replace.sql

# delete: a county's rows of one year, listed first, undoable.
status_is 0 "$kaoping" delete --db t.db --dry-run --table health_lectures --unit 420102000000 --year 2023
check contains out.txt "3 rows would be removed; nothing was changed"
check same_dump before_replace.sql
status_is 0 "$kaoping" delete --db t.db --table health_lectures --unit 420102000000 --year 2023
check contains out.txt "unit=420102001001, date=2023-05-29, title=合理膳食"
check contains out.txt "removed 3 rows"
check is 1 "SELECT count(*) FROM health_lectures WHERE unit LIKE '420102%'"
status_is 0 "$kaoping" imports --db t.db
check contains out.txt "delete health_lectures --unit 420102000000 --year 2023"
status_is 0 "$kaoping" undo --db t.db "$(last_import)"
check same_dump before_replace.sql
status_is 1 "$kaoping" delete --db t.db --table health_lectures --unit 420103000000 --year 2021
check contains err.txt "holds no rows of 420103000000 in that year; nothing to remove"

# units.csv merges: a renamed unit is replaced, none removed; undo restores it.
printf 'code,name,level,parent\n420103001000,南山街道,乡,420103000000\n' >units.csv
status_is 0 "$kaoping" import --db t.db units.csv
check contains out.txt "1 rows: 0 added, 1 replaced, 0 removed, 0 unchanged"
check is 10 "SELECT count(*) FROM units"
status_is 0 "$kaoping" undo --db t.db "$(last_import)"
check same_dump before_replace.sql

[ "$checks" -gt 40 ] || fail "only $checks checks ran"
echo "$checks checks, $failures failures"
exit $((failures > 0))
