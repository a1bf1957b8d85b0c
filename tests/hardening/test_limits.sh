#!/bin/bash
# test_limits.sh — inputs past kaoping's limits fail with a clear message in
# bounded memory, and large inputs stream through in flat memory.
#
#   - a 10 MB field (plain, or a quoted one whose closing quote is missing):
#     refused at its line, memory no more than the 1 MiB field limit needs;
#   - a ~50 MB CSV streamed through a pipe: imported, memory no more than for
#     a file half its size (tools/stress-large-csv.sh does the same with
#     2 GB); the same stream with one bad row at the end: nothing stored;
#   - a record of 1001 fields, a binary file, an empty folder: refused, with
#     what is wrong and where.
#
# Memory is compared with a small import in the same build, so the figures
# hold for the sanitizer build too.
#
# usage: test_limits.sh KAOPING PEAK_RSS SCRATCH UNITS_CSV
set -u
here=$(dirname "$(realpath "$0")")
kaoping=$(realpath "$1")
peak_rss=$(realpath "$2")
units=$(realpath "$4")
scratch=$3/limits
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
. "$here/lib.sh" || exit 1

# AddressSanitizer keeps freed memory in quarantine (256 MiB by default),
# which would count as kaoping's; a small one keeps the comparison fair.
# Other builds ignore the variable.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8

db=l.db
status_is 0 "$kaoping" init --db $db
status_is 0 "$kaoping" import --db $db --quiet "$units"
rows_now() { sql $db 'SELECT count(*) FROM health_lectures'; }

# within KIB: the peak memory of the last measured run, less the baseline, is under KIB KiB.
within() {
  local grew=$(( $(cat rss.txt) - baseline ))
  echo "  peak memory $(cat rss.txt) KiB, $grew KiB over the baseline" >&2
  [ "$grew" -lt "$1" ]
}

# Baseline: a one-row import.
lectures tiny 1 >tiny.csv
status_is 0 "$peak_rss" rss.txt "$kaoping" import --db $db --merge --quiet health_lectures=tiny.csv
baseline=$(cat rss.txt)
echo "baseline: peak memory of a one-row import $baseline KiB" >&2

# ---- a 10 MB field ----------------------------------------------------------------
ten_mb() { head -c 10485760 /dev/zero | tr '\0' x; }
{ echo "unit,date,title,participants"; echo "420102001000,2023-01-01,ok,1"
  printf '420102001000,2023-01-02,'; ten_mb; echo ",5"; } >field.csv
status_is 1 "$peak_rss" rss.txt "$kaoping" import --db $db --merge health_lectures=field.csv
check contains err.txt "field.csv:3: a field longer than 1048576 bytes"
check contains err.txt "nothing was imported"
check within 8192
{ echo "unit,date,title,participants"; printf '420102001000,2023-01-02,"'; ten_mb; echo ",5"; } >quote.csv
status_is 1 "$peak_rss" rss.txt "$kaoping" import --db $db --merge health_lectures=quote.csv
check contains err.txt "quote.csv:2: a quoted field starting on this line is longer than 1048576 bytes; is its closing quote missing?"
check within 8192
check test "$(rows_now)" = 1

# ---- ~50 MB through a pipe -------------------------------------------------------
small=700000 big=1400000
lectures small $small | "$peak_rss" rss.txt "$kaoping" import --db $db --merge --quiet health_lectures=/dev/stdin
check test $? -eq 0
small_rss=$(cat rss.txt)
lectures big $big >big.csv
echo "streaming $(( $(wc -c <big.csv) / 1048576 )) MiB through a pipe" >&2
"$peak_rss" rss.txt "$kaoping" import --db $db --merge --quiet health_lectures=/dev/stdin <big.csv
check test $? -eq 0
check test "$(rows_now)" = $((1 + small + big))
baseline=$small_rss
check within 8192
check intact $db

# The same stream with one bad row at its very end stores nothing.
{ lectures again $big; echo "420102001000,2023-02-30,bad date,1"; } |
  "$peak_rss" rss.txt "$kaoping" import --db $db --merge health_lectures=/dev/stdin >out.txt 2>err.txt
check test $? -eq 1
check contains err.txt "/dev/stdin:$((big + 2)): date: \"2023-02-30\""
check contains err.txt "nothing was imported"
check test "$(rows_now)" = $((1 + small + big))
check within 8192
check intact $db

# ---- other things that are not CSV files ------------------------------------------
{ echo "unit,date,title,participants"; printf 'a%.0s,' $(seq 1001); echo; } >wide.csv
status_is 1 "$kaoping" import --db $db --merge health_lectures=wide.csv
check contains err.txt "wide.csv:2: a record with more than 1000 fields"
cp $db copy.db
status_is 1 "$kaoping" import --db $db --merge health_lectures=copy.db
check contains err.txt "copy.db:1: a NUL byte"
mkdir empty
status_is 1 "$kaoping" import --db $db empty
check contains err.txt "empty: the folder holds no .csv files"
check test "$(rows_now)" = $((1 + small + big))
finish
