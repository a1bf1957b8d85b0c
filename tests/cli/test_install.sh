#!/bin/bash
# test_install.sh — an install that finds itself.
#
# kaoping installed with `meson install --destdir` and then moved elsewhere
# runs the README's typical year from an unrelated working folder, finding
# its plugins, rules, scoring library and layouts next to its executable;
# `--rules 2023` and `--layout county` name the shipped files.  A build tree
# copied elsewhere finds its plugins; a lone copy of the executable finds
# none and says where it looked instead of writing one file and exiting 0.
#
# usage: test_install.sh KAOPING BUILD_ROOT SCRATCH
set -u
here=$(dirname "$(realpath "$0")")
built=$(realpath "$1")
build_root=$(realpath "$2")
scratch=$3/install
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
. "$here/../hardening/lib.sh" || exit 1

meson=$(command -v meson) || { echo "meson is needed to install" >&2; exit 77; }
check "$meson" install -C "$build_root" --destdir "$scratch/dest" --no-rebuild --quiet
exe=$(find dest -path '*/bin/kaoping' | head -1)
check test -n "$exe"
prefix=$(dirname "$(dirname "$exe")")
mv "$prefix" moved && rm -rf dest
k=$scratch/moved/bin/kaoping

mkdir year && cd year || exit 1
status_is 0 "$k" paths
check contains out.txt "^plugins .*$scratch/moved/lib.*/kaoping/plugins  (used)"
check contains out.txt "^layouts .*$scratch/moved/share/kaoping/reports$"
check contains out.txt "^scoring library .*$scratch/moved/share/kaoping/scripts/lib$"
check contains out.txt "^messages .*$scratch/moved/share/locale  (used)"
# Installed, kaoping speaks Chinese when no locale is set, English under LANG=C.
status_is 0 env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE "$k" --help
check contains out.txt '用法：kaoping 命令'
status_is 0 env LC_ALL= LANG=C "$k" --help
check contains out.txt 'usage: kaoping COMMAND'

# The typical year: forms, database, import, assessment, reports.
status_is 0 "$k" template --all forms
check test "$(ls forms | wc -l)" -gt 5
status_is 0 "$k" demo city --counties 4 --quiet
status_is 0 "$k" init
# The assessors' scores are read by `kaoping score import`, not by import.
mkdir scores && mv city/data/manual_*.csv scores/
status_is 0 "$k" import --quiet city/data/
status_is 0 "$k" check 2023
status_is 0 "$k" assess --rules 2023 --year 2023
check contains out.txt "总分"
status_is 0 "$k" report --layout county --all -o reports-2023
check test "$(ls reports-2023/*.pdf | wc -l)" = 4
status_is 0 "$k" report --layout city -o city-report.pdf
check test -s city-report.pdf
cd "$scratch" || exit 1

# A copied build tree: the plugins next to the copy are used.
mkdir copy && cp "$built" copy/kaoping && touch copy/build.ninja
(cd "$build_root" && find plugins -name '*.so' -exec cp --parents {} "$scratch/copy" \;)
status_is 0 copy/kaoping plugins
check contains out.txt "health_promotion"

# A lone executable: no plugins, and it says where it looked.
if [ ! -d /usr/local/lib/x86_64-linux-gnu/kaoping/plugins ] && [ ! -d /usr/local/lib/kaoping/plugins ]; then
  # Outside the build tree, whose own kaoping would use the tree's plugins.
  lone=$(mktemp -d) && mkdir -p "$lone/bin" && cp "$built" "$lone/bin/kaoping"
  status_is 1 "$lone/bin/kaoping" template --all forms
  check contains err.txt "no work-area plugins were found; kaoping looked in $lone/lib"
  check test ! -e forms
  rm -rf "$lone"
fi
finish
