#!/bin/bash
# Build the libFuzzer targets of tests/fuzz with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (in build-fuzz), and run each for a short while
# from its seed corpus.  A target passes when the fuzzer found nothing.
#
#   tools/fuzz-smoke.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 20, or $FUZZ_SECONDS); TARGET names such as csv,
# import, rules, layout (default: every target built).  Targets run two at a
# time.  What a run finds is kept in build-fuzz/findings/<target>/: the input
# (crash-*, leak-*, timeout-*, oom-*) and the fuzzer's log.  To replay one:
#   build-fuzz/tests/fuzz/fuzz_<target> build-fuzz/findings/<target>/crash-...
# Fix the bug, copy the input into tests/fuzz/corpus/<target>/ as
# regress-<what>, and the corpus test of every build replays it from then on.
#
# Ends with "N passed, N failed" (one test per target); exits non-zero when a
# target failed or none ran.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-${FUZZ_SECONDS:-20}}
[ $# -gt 0 ] && shift
dir=build-fuzz
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] && jobs=2

if ! command -v clang >/dev/null; then
  echo "fuzz-smoke: clang is needed (tools/install-debian-deps.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ ! -f "$dir/build.ninja" ]; then
  CC=clang meson setup "$dir" -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link >"$dir.setup.log" 2>&1 || {
    cat "$dir.setup.log"; echo "0 passed, 1 failed"; exit 1; }
  rm -f "$dir.setup.log"
fi

# The targets, their plugins, and the kaoping binary the layout target's
# database is made with; nothing else of the clang build is needed.
all=$(ninja -C "$dir" -t targets all 2>/dev/null | sed -n 's|^tests/fuzz/fuzz_\([a-z_]*\): c_LINKER$|\1|p' | sort)
targets=${*:-$all}
if [ -z "$targets" ]; then
  echo "fuzz-smoke: no fuzz targets in $dir (is it set up with clang and -Dfuzz=true?)"
  echo "0 passed, 1 failed"
  exit 1
fi
build_list=""
for t in $targets; do build_list="$build_list tests/fuzz/fuzz_$t"; done
plugins=$(ninja -C "$dir" -t targets all 2>/dev/null | sed -n 's|^\(plugins/[a-z_]*/[a-z_]*\.so\): .*|\1|p')
if ! ninja -C "$dir" $build_list $plugins >"$dir/fuzz-build.log" 2>&1; then
  tail -30 "$dir/fuzz-build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

run_one() { # target -> exit status 0 when nothing was found
  local t=$1 out="$dir/findings/$1" max_len=8192 seeds=() dict=()
  # Rules and layouts are whole Lua files; the shipped ones are seeds too,
  # and the dictionary holds the shapes that reach the seam between Lua and C.
  case $t in
    rules) max_len=32768; seeds=(scripts/rules); dict=(-dict=tests/fuzz/kaoping-lua.dict) ;;
    layout) max_len=32768; seeds=(reports); dict=(-dict=tests/fuzz/kaoping-lua.dict) ;;
  esac
  rm -rf "$out" && mkdir -p "$out/corpus"
  # New inputs go to a scratch corpus, never into the source tree.
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$dir/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=$max_len -timeout=20 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/" "${dict[@]}" \
      "$out/corpus" "tests/fuzz/corpus/$t" "${seeds[@]}" >"$out/log" 2>&1
}

passed=0
failed=0
declare -A pid
set -- $targets
while [ $# -gt 0 ]; do
  batch=()
  for _ in $(seq "$jobs"); do
    [ $# -gt 0 ] || break
    batch+=("$1"); shift
  done
  for t in "${batch[@]}"; do run_one "$t" & pid[$t]=$!; done
  for t in "${batch[@]}"; do
    if wait "${pid[$t]}"; then
      runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/findings/$t/log")
      echo "fuzz $t: ok, ${runs:-?} inputs in ${seconds}s"
      passed=$((passed + 1))
    else
      echo "fuzz $t: FAILED; the input and log are in $dir/findings/$t/"
      grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz_[a-z]+:)' "$dir/findings/$t/log" | head -5
      failed=$((failed + 1))
    fi
  done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
