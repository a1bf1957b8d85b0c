#!/bin/bash
# test_kill_report.sh — `kaoping report` killed with SIGKILL at random points
# never leaves a partial PDF under a report's name: each file there is either
# absent or the whole report (byte for byte what a full run writes, since a
# stored run renders the same every time).  With --all, the worker processes
# stop with kaoping instead of finishing reports after it was killed.
#
# The layout is a long table (hundreds of pages), so that a kill can land
# while the layout runs, while the PDF is made or while it is written.  The
# delays come from a fixed seed and spread over a whole run's time.
#
# The same holds for the Excel workbook of `kaoping results --xlsx`.
#
# usage: test_kill_report.sh KAOPING SCRATCH [ROUNDS]
set -u
here=$(dirname "$(realpath "$0")")
kaoping=$(realpath "$1")
rounds=${3:-20}
scratch=$2/kill_report
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
. "$here/lib.sh" || exit 1

status_is 0 "$kaoping" demo city --counties 60 --quiet
db=city/kaoping.db
cat >long.lua <<'LUA'
name = "long"
function subjects(run)
  return { { code = "a", name = "甲" }, { code = "b", name = "乙" },
           { code = "c", name = "丙" }, { code = "d", name = "丁" } }
end
function render(doc, run, subject)
  local rows = {}
  for i = 1, 6000 do rows[i] = { tostring(i), subject.name .. "村" .. i, string.format("%.2f", i / 7) } end
  doc:heading(1, subject.name .. "：一张很长的表")
  doc:table{ columns = { { "序号" }, { "单位" }, { "数值" } }, rows = rows, zebra = true }
end
LUA

# The live processes of session `sid` (kaoping started with setsid leads one).
session_pids() {
  local f line rest
  for f in /proc/[0-9]*/stat; do
    { read -r line <"$f"; } 2>/dev/null || continue
    rest=${line##*) }
    set -- $rest
    [ "$4" = "$sid" ] && [ "$1" != Z ] && echo "${f//[^0-9]/}"
  done
}
# wait_gone: true once no process of the session is left (within 1.5 s).
wait_gone() {
  local i
  for i in $(seq 15); do
    [ -z "$(session_pids)" ] && return 0
    sleep 0.1
  done
  echo "still running after kaoping was killed: $(session_pids)" >&2
  return 1
}
# whole DIR REFDIR: every PDF in DIR is byte for byte the one in REFDIR.
whole() {
  local f ok=0
  for f in "$1"/*.pdf; do
    [ -e "$f" ] || continue
    cmp -s "$f" "$2/$(basename "$f")" || { echo "$f is not the whole report" >&2; ok=1; }
  done
  return $ok
}

# The reports a full run writes, and how long it takes.
mkdir ref
start=$(date +%s%N)
status_is 0 "$kaoping" report --db $db --layout long.lua --all -j 2 -o ref
all_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check test "$(ls ref/*.pdf | wc -l)" = 4
start=$(date +%s%N)
status_is 0 "$kaoping" report --db $db --layout long.lua --unit a -o one.pdf
one_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check cmp -s one.pdf "ref/$(cd ref && ls *-a-*.pdf)"
mkdir one && mv one.pdf "one/$(cd ref && ls *-a-*.pdf)"
echo "a whole run takes ${one_ms} ms for one report, ${all_ms} ms for four with two workers" >&2

RANDOM=7
written=0
for r in $(seq 1 "$rounds"); do
  # One report, rendered in kaoping's own process, over the last round's file.
  delay=$(( RANDOM % (one_ms * 13 / 10 + 1) ))
  setsid "$kaoping" report --db $db --layout long.lua --unit a --overwrite -o "out1/$(cd ref && ls *-a-*.pdf)" \
    >/dev/null 2>&1 &
  sid=$!
  mkdir -p out1
  sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
  kill -KILL $sid 2>/dev/null
  wait $sid 2>/dev/null
  check whole out1 one

  # Four reports in two workers.
  delay=$(( RANDOM % (all_ms * 13 / 10 + 1) ))
  rm -rf outn && mkdir outn
  setsid "$kaoping" report --db $db --layout long.lua --all -j 2 -o outn >/dev/null 2>&1 &
  sid=$!
  sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
  kill -KILL $sid 2>/dev/null
  wait $sid 2>/dev/null
  check wait_gone
  check whole outn ref
  written=$((written + $(ls outn/*.pdf 2>/dev/null | wc -l)))
done
echo "$rounds rounds: $written of $((rounds * 4)) reports of the killed --all runs were written whole" >&2
check test "$written" -gt 0
check test "$written" -lt $((rounds * 4))

# Workers busy with a slow layout stop when kaoping is killed: nothing is
# written after it is gone.
cat >slow.lua <<'LUA'
name = "slow"
function subjects(run) return { { code = "a", name = "甲" }, { code = "b", name = "乙" } } end
function render(doc, run, subject)
  local x = 0
  for i = 1, 800000000 do x = x + i end -- seconds of work
  doc:paragraph(tostring(x))
end
LUA
rm -rf slow && mkdir slow
setsid "$kaoping" report --db $db --layout slow.lua --all -j 2 -o slow >/dev/null 2>&1 &
sid=$!
sleep 0.5
kill -KILL $sid
wait $sid 2>/dev/null
check wait_gone
sleep 1
check test -z "$(ls slow)"

# The Excel workbook of a run, killed while it is written: nothing or a
# whole workbook (a zip file ends with its central directory).
zip_whole() { [ ! -e "$1" ] || [ "$(tail -c 22 "$1" | head -c 4 | od -An -c | tr -d ' ')" = 'PK005006' ]; }
start=$(date +%s%N)
status_is 0 "$kaoping" results --db $db --xlsx whole.xlsx
xlsx_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check zip_whole whole.xlsx
for r in $(seq 1 "$rounds"); do
  rm -f book.xlsx
  delay=$(( RANDOM % (xlsx_ms * 13 / 10 + 1) ))
  "$kaoping" results --db $db --xlsx book.xlsx >/dev/null 2>&1 &
  pid=$!
  sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  check zip_whole book.xlsx
done
rm -f book.xlsx.tmp-*

# A report that cannot be written leaves what was there.
cp "ref/$(cd ref && ls *-a-*.pdf)" keep.pdf
cp keep.pdf before.pdf
cat >broken.lua <<'LUA'
name = "broken"
function render(doc, run, subject)
  doc:heading(1, "开始")
  error("layout stops half way")
end
LUA
status_is 1 "$kaoping" report --db $db --layout broken.lua --overwrite -o keep.pdf
check contains err.txt "broken.lua:4: layout stops half way"
check cmp -s keep.pdf before.pdf
check test -z "$(ls | grep '\.tmp-')"
finish
