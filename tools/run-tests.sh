#!/bin/bash
# Build kaoping twice — the default build and one with AddressSanitizer and
# UndefinedBehaviorSanitizer — and run the whole test suite on both.
# Ends with one line "N passed, N failed" (the sum of meson's summaries) and
# exits non-zero if anything failed or nothing ran.
set -uo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
status=0

build() { # dir, meson options...
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
    rm -f "$dir.setup.log"
  fi
  ninja -C "$dir" >/dev/null || ninja -C "$dir"
}

run_suite() { # dir, label, meson test options...
  local dir=$1 label=$2 out
  shift 2
  out=$(meson test -C "$dir" --num-processes "$jobs" --print-errorlogs "$@" 2>&1)
  local rc=$?
  echo "$out" | sed -n '/^Summary of Failures:/,$p; /^Ok:/,/^Timeout:/p'
  local ok fail exp unexp to
  ok=$(echo "$out" | awk '/^Ok:/ {print $2}' | tail -1)
  fail=$(echo "$out" | awk '/^Fail:/ {print $2}' | tail -1)
  unexp=$(echo "$out" | awk '/^Unexpected Pass:/ {print $3}' | tail -1)
  to=$(echo "$out" | awk '/^Timeout:/ {print $2}' | tail -1)
  exp=$(echo "$out" | awk '/^Expected Fail:/ {print $3}' | tail -1)
  passed=$((passed + ${ok:-0} + ${exp:-0}))
  failed=$((failed + ${fail:-0} + ${unexp:-0} + ${to:-0}))
  echo "$label: ${ok:-0} ok, ${fail:-0} failed, ${to:-0} timed out"
  [ "$rc" -eq 0 ] || status=1
}

echo "== default build (-Wall -Wextra -Werror)"
if build build-test; then run_suite build-test default; else status=1; failed=$((failed + 1)); fi

echo "== sanitizer build (address, undefined)"
if build build-asan -Db_sanitize=address,undefined -Db_lundef=false; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_suite build-asan sanitizers
else
  status=1; failed=$((failed + 1))
fi

# Memcheck on the C test programs of these suites (the script suite is left
# out: its time-limit tests cannot keep time under valgrind).
valgrind_suites="util csv store plugin import render chart plugins assess fuzz hardening-unit"
echo "== valgrind (memcheck) on suites: $valgrind_suites"
if ! command -v valgrind >/dev/null; then
  echo "valgrind is not installed"; status=1; failed=$((failed + 1))
elif [ -f build-test/build.ninja ]; then
  suite_args=()
  for s in $valgrind_suites; do suite_args+=(--suite "$s"); done
  run_suite build-test valgrind "${suite_args[@]}" --timeout-multiplier 4 \
    --wrap='valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect -q'
fi

# libFuzzer targets, each run briefly (one test per target).
echo "== fuzzing (tools/fuzz-smoke.sh)"
fuzz_out=$(tools/fuzz-smoke.sh 2>&1)
[ $? -eq 0 ] || status=1
echo "$fuzz_out" | grep -v ' passed, .* failed$'
fuzz_counts=$(echo "$fuzz_out" | tail -1)
if [[ $fuzz_counts =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  passed=$((passed + BASH_REMATCH[1]))
  failed=$((failed + BASH_REMATCH[2]))
else
  failed=$((failed + 1))
fi

[ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
