# lib.sh — what the command-line tests share: counting checks, running a
# command and checking its exit status, and looking into its output.
# Sourced after `cd` into the scratch folder.
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
contains() { grep -q -- "$2" "$1" || { echo "$1 lacks: $2" >&2; cat "$1" >&2; return 1; }; }
