#!/bin/bash
# Import a very large CSV file (2 GiB by default) streamed through a pipe, and
# report kaoping's peak memory, time and throughput.  The file is generated
# on the fly and never stored; only the database is (about twice the CSV).
#
#   tools/stress-large-csv.sh [--size MIB] [--bad-end] [--build DIR] [--keep]
#
#   --size MIB   how much CSV to stream (default 2048)
#   --bad-end    end the stream with one bad row: the import must then fail,
#                store nothing and still stay in flat memory
#   --build DIR  the build to use (default build; it is built if needed)
#   --keep       keep the scratch folder (default: removed)
#
# The scratch folder is made under $TMPDIR (default /tmp).  The suite checks
# the same property on ~50 MB (tests/hardening/test_limits.sh).  Exits
# non-zero when the import did not end as expected.
set -uo pipefail
cd "$(dirname "$0")/.."

size_mb=2048 bad_end=0 build=build keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --size) size_mb=$2; shift 2 ;;
    --bad-end) bad_end=1; shift ;;
    --build) build=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--size MIB] [--bad-end] [--build DIR] [--keep]" >&2; exit 2 ;;
  esac
done

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" >/dev/null || exit 1
fi
ninja -C "$build" kaoping tests/hardening/peak_rss plugins/health_promotion/health_promotion.so \
  >/dev/null || exit 1
kaoping=$(realpath "$build/kaoping")
peak_rss=$(realpath "$build/tests/hardening/peak_rss")
units=$(realpath tests/import/data/units.csv)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kp-stress-XXXXXX") || exit 1
[ "$keep" = 1 ] || trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 1
"$kaoping" init --db s.db >/dev/null && "$kaoping" import --db s.db --quiet "$units" || exit 1

# Rows in key order (one unit, one date, rising titles), as a county's own
# export would be, so the time measured is kaoping's and not the index's.
generate() {
  awk -v limit=$((size_mb * 1048576)) -v bad="$bad_end" 'BEGIN {
    header = "unit,date,title,participants"; print header; bytes = length(header) + 1
    for (k = 0; bytes < limit; k++) {
      line = sprintf("420102001000,2023-06-01,lecture %012d,%d", k, k % 90 + 10)
      print line; bytes += length(line) + 1
    }
    if (bad) print "420102001000,2023-02-30,bad date,1"
    printf "%d rows, %.0f bytes\n", k, bytes > "generated.txt"
  }'
}

echo "streaming ${size_mb} MiB of CSV into kaoping import (build: $build, scratch: $scratch)"
start=$(date +%s.%N)
generate | "$peak_rss" rss.txt "$kaoping" import --db s.db --quiet health_lectures=/dev/stdin \
  2>err.txt
status=$?
end=$(date +%s.%N)
rows=$(sed -n 's/^\([0-9]*\) rows.*/\1/p' generated.txt)
stored=$(sqlite3 s.db 'SELECT count(*) FROM health_lectures')
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
echo "generated:    $(cat generated.txt)"
echo "exit status:  $status"
echo "rows stored:  $stored"
echo "time:         ${secs} s ($(awk -v r="$rows" -v s="$secs" 'BEGIN { printf "%d", r / s }') rows/s)"
echo "peak memory:  $(( $(cat rss.txt) / 1024 )) MiB ($(cat rss.txt) KiB)"
echo "database:     $(( $(stat -c %s s.db) / 1048576 )) MiB"
if [ "$bad_end" = 1 ]; then
  grep -m1 '2023-02-30' err.txt
  [ "$status" -eq 1 ] && [ "$stored" -eq 0 ]
else
  [ "$status" -eq 0 ] && [ "$stored" -eq "$rows" ] || tail -5 err.txt
  [ "$status" -eq 0 ] && [ "$stored" -eq "$rows" ]
fi
