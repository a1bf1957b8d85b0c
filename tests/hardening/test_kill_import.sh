#!/bin/bash
# test_kill_import.sh — `kaoping import` killed with SIGKILL at random points
# leaves a database that passes PRAGMA integrity_check and holds either all of
# that import or none of it, and the next import works.
#
# Each round imports a file of its own (distinct rows, titles tagged with the
# round) and is killed after a random delay spread over the time a whole
# import takes, so the kill lands before, during and after the transaction.
# The delays come from a fixed seed.
#
# usage: test_kill_import.sh KAOPING SCRATCH UNITS_CSV [ROUNDS]
set -u
here=$(dirname "$(realpath "$0")")
kaoping=$(realpath "$1")
units=$(realpath "$3")
rounds=${4:-40}
rows=20000
scratch=$2/kill_import
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
. "$here/lib.sh" || exit 1

db=kill.db
status_is 0 "$kaoping" init --db $db
status_is 0 "$kaoping" import --db $db --quiet "$units"

# How long one whole import takes here (sanitizer builds are slower).
lectures r0 $rows >r0.csv
start=$(date +%s%N)
status_is 0 "$kaoping" import --db $db --merge --quiet health_lectures=r0.csv
whole_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$whole_ms" -gt 0 ] || whole_ms=1

RANDOM=9
expect=$rows # rows of rounds that completed
none=0 all=0
for r in $(seq 1 "$rounds"); do
  lectures "r$r" $rows >"r$r.csv"
  delay_ms=$(( RANDOM % (whole_ms * 13 / 10 + 1) ))
  "$kaoping" import --db $db --merge --quiet "health_lectures=r$r.csv" >/dev/null 2>&1 &
  pid=$!
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null

  check intact $db
  got=$(sql $db "SELECT count(*) FROM health_lectures WHERE title LIKE 'r$r-%'")
  runs=$(sql $db "SELECT count(*) FROM kp_imports WHERE files LIKE '%r$r.csv'")
  if [ "$got" = "$rows" ] && [ "$runs" = 1 ]; then
    all=$((all + 1)); expect=$((expect + rows))
  elif [ "$got" = 0 ] && [ "$runs" = 0 ]; then
    none=$((none + 1))
  else
    fail "round $r (killed after ${delay_ms} ms): $got of $rows rows, $runs import records"
  fi
  check test "$(sql $db 'SELECT count(*) FROM health_lectures')" = "$expect"
done
echo "$rounds rounds (a whole import takes ${whole_ms} ms): $all complete, $none rolled back" >&2
# The delays span the whole import, so both outcomes must have happened.
check test "$all" -gt 0
check test "$none" -gt 0

# The database works as before: an import after all those kills.
lectures after 100 >after.csv
status_is 0 "$kaoping" import --db $db --merge health_lectures=after.csv
check contains out.txt "100 added"
check intact $db
finish
