#!/bin/bash
# test_concurrent.sh — two kaoping processes on one database at once.
#
#   - two imports started together both succeed (the second waits for the
#     first: SQLite's busy timeout) and every row of both is there;
#   - an import and an assessment started together both succeed, and the run
#     is computed from one state of the data (before the import or after it,
#     never some counties before and some after); timestamps taken around
#     both processes show that they did run at the same time;
#   - a writer that keeps the database longer than the busy timeout makes
#     import and assess fail with a clear message, storing nothing;
#   - the database passes PRAGMA integrity_check after each.
#
# usage: test_concurrent.sh KAOPING SCRATCH UNITS_CSV RULES_LUA
set -u
here=$(dirname "$(realpath "$0")")
kaoping=$(realpath "$1")
units=$(realpath "$3")
rules=$(realpath "$4")
scratch=$2/concurrent
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
. "$here/lib.sh" || exit 1

db=c.db
status_is 0 "$kaoping" init --db $db
status_is 0 "$kaoping" import --db $db --quiet "$units"

# ---- two imports at once ----------------------------------------------------
rows=50000
for r in 1 2 3; do
  lectures "a$r" $rows >a.csv
  lectures "b$r" $rows >b.csv
  "$kaoping" import --db $db --quiet health_lectures=a.csv >a.out 2>&1 &
  pa=$!
  "$kaoping" import --db $db --quiet health_lectures=b.csv >b.out 2>&1 &
  pb=$!
  wait $pa; sa=$?
  wait $pb; sb=$?
  check test "$sa/$sb" = 0/0
  [ "$sa/$sb" = 0/0 ] || cat a.out b.out >&2
  check test "$(sql $db "SELECT count(*) FROM health_lectures WHERE title LIKE 'a$r-%'")" = $rows
  check test "$(sql $db "SELECT count(*) FROM health_lectures WHERE title LIKE 'b$r-%'")" = $rows
  check intact $db
done
check test "$(sql $db 'SELECT count(*) FROM kp_imports')" = 7

# ---- an import and an assessment at once --------------------------------------
# A database where 江北区 has lectures in 3 of its 5 grassroots associations and
# 南山县 in 1 of 2; the big import brings both to every association.
db=a.db
status_is 0 "$kaoping" init --db $db
status_is 0 "$kaoping" import --db $db --quiet "$units"
printf 'unit,date,title,participants\n420102001000,2023-03-05,x,1\n420102001001,2023-03-05,x,1\n420102002001,2023-03-05,x,1\n420103001000,2023-03-05,x,1\n' >first.csv
status_is 0 "$kaoping" import --db $db --quiet health_lectures=first.csv
lectures big 200000 >big.csv
# Each process is bracketed by stamps taken as close to it as the shell
# allows: the start just before exec, the end as soon as it has exited.
stamp() { date +%s%N; }
bracket() { # bracket NAME COMMAND...: NAME.start, NAME.end around the command
  local name=$1; shift
  stamp >"$name.start"
  "$@"; local rc=$?
  stamp >"$name.end"
  return $rc
}
bracket import "$kaoping" import --db $db --quiet health_lectures=big.csv >i.out 2>&1 &
pi=$!
sleep 0.1
bracket assess "$kaoping" assess --db $db --rules "$rules" --year 2023 >s.out 2>&1 &
ps=$!
wait $pi; si=$?
wait $ps; ss=$?
check test "$si/$ss" = 0/0
[ "$si/$ss" = 0/0 ] || cat i.out s.out >&2
# Without an overlap this part would prove nothing: each must have started
# before the other finished.
is=$(cat import.start) ie=$(cat import.end) as=$(cat assess.start) ae=$(cat assess.end)
echo "import ran 0..$(((ie - is) / 1000000)) ms," \
     "assess $(((as - is) / 1000000))..$(((ae - is) / 1000000)) ms" >&2
check test "$as" -lt "$ie"
check test "$is" -lt "$ae"
check test "$(sql $db 'SELECT count(*) FROM assessment_runs')" = 1
figures=$(sql $db "SELECT group_concat(round(figure), ' ') FROM (SELECT figure FROM run_scores WHERE item = 'lecture_coverage' ORDER BY unit)")
echo "assessed while importing: lecture coverage of the two counties $figures" >&2
case "$figures" in
  "60.0 50.0"|"100.0 100.0") ;;
  *) fail "the run mixes states of the data: lecture coverage $figures" ;;
esac
check intact $db

# ---- a writer that does not let go --------------------------------------------
lectures late 100 >late.csv
mkfifo hold
sqlite3 $db <hold >/dev/null 2>&1 &
holder=$!
exec 3>hold
echo "BEGIN IMMEDIATE; INSERT INTO kp_meta VALUES('held', 'by another writer');" >&3
sleep 0.5
start=$(date +%s)
"$kaoping" import --db $db health_lectures=late.csv >i.out 2>i.err &
pi=$!
"$kaoping" assess --db $db --rules "$rules" --year 2023 >s.out 2>s.err &
ps=$!
wait $pi; si=$?
wait $ps; ss=$?
waited=$(($(date +%s) - start))
echo "ROLLBACK;" >&3
exec 3>&-
wait $holder
check test "$si/$ss" = 1/1
check contains i.err "the database is busy"
check contains s.err "the database is busy"
check test "$waited" -ge 8 # the busy timeout was waited out first
check test "$(sql $db "SELECT count(*) FROM health_lectures WHERE title LIKE 'late-%'")" = 0
check test "$(sql $db 'SELECT count(*) FROM assessment_runs')" = 1
check test "$(sql $db "SELECT count(*) FROM kp_meta WHERE key = 'held'")" = 0
check intact $db
finish
