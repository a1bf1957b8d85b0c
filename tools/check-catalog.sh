#!/bin/sh
# check-catalog.sh SOURCE_ROOT STAMP — every message kaoping shows is in the
# Chinese catalog, translated and not fuzzy; every source file that has
# messages is listed in po/POTFILES; no message is left unmarked.
set -eu
src=$1
stamp=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Files with marked messages that po/POTFILES does not list.
(cd "$src" && grep -rlE '\<N?_\("' core demo_city --include='*.c' | sort) >"$tmp/marked"
sort "$src/po/POTFILES" >"$tmp/listed"
missing=$(comm -23 "$tmp/marked" "$tmp/listed")
if [ -n "$missing" ]; then
    echo "po/POTFILES does not list these files with messages:" >&2
    echo "$missing" >&2
    exit 1
fi

xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C \
    -D "$src" -f "$src/po/POTFILES" -o "$tmp/kaoping.pot"
if ! msgcmp "$src/po/zh_CN.po" "$tmp/kaoping.pot" 2>"$tmp/msgcmp"; then
    sed 's/^/  /' "$tmp/msgcmp" >&2
    echo "po/zh_CN.po lacks the messages above (or leaves them untranslated or fuzzy):" >&2
    echo "run 'ninja -C build kaoping-update-po' and translate them" >&2
    exit 1
fi
python3 "$src/tools/check-messages.py" "$src"
touch "$stamp"
