# lib.sh — what the hardening shell tests share: checks that count, running
# kaoping with its exit status and output captured, and generating CSV files.
# A sanitizer report in kaoping's output fails the check that ran it, even
# when the sanitizers were told not to stop the program.

failures=0
checks=0
fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }
check() { checks=$((checks + 1)); "$@" || fail "$*"; }
contains() { grep -q -- "$2" "$1" || { echo "$1 lacks: $2" >&2; sed 's/^/  | /' "$1" >&2; return 1; }; }

# status_is EXPECTED COMMAND...: run it with stdout in out.txt, stderr in err.txt.
status_is() {
  local want=$1; shift
  checks=$((checks + 1))
  "$@" >out.txt 2>err.txt
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "exit $got, not $want: $*"; sed 's/^/  | /' out.txt err.txt >&2
  elif grep -qE 'runtime error:|ERROR: AddressSanitizer|ERROR: LeakSanitizer' err.txt; then
    fail "sanitizer report: $*"; sed 's/^/  | /' err.txt >&2
  fi
}

# sql DB QUERY: one value, through the sqlite3 shell.
sql() { sqlite3 -batch -noheader "$1" "$2"; }

# The database passes SQLite's own check of every page and index.
intact() { local r; r=$(sql "$1" 'PRAGMA integrity_check'); [ "$r" = ok ] || { echo "$1: $r" >&2; return 1; }; }

# lectures TAG ROWS: a health_lectures file of ROWS distinct rows whose titles
# start with TAG, spread over the townships and villages of
# tests/import/data/units.csv.
lectures() {
  awk -v tag="$1" -v n="$2" 'BEGIN {
    split("420102001000 420102001001 420102001002 420102002000 420102002001 420103001000 420103001001", u, " ")
    print "unit,date,title,participants"
    for (k = 0; k < n; k++)
      printf "%s,2023-%02d-%02d,%s-%d,%d\n", u[k % 7 + 1], k % 12 + 1, k % 28 + 1, tag, k, k % 90 + 10
  }'
}

# A PDF that qpdf reads through without an error or a warning.
qpdf_ok() { qpdf --check "$1" >/dev/null 2>&1 || { echo "$1: qpdf --check fails" >&2; return 1; }; }

finish() {
  echo "$checks checks, $failures failed" >&2
  [ "$checks" -gt 0 ] && [ "$failures" -eq 0 ]
}
