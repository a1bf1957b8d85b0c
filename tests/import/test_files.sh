#!/bin/bash
# test_files.sh — what `kaoping import` reads, and what it shows of it.
#
# A folder may hold things that are not county files: a FIFO (which hung the
# import), a link to /etc/shadow (whose first line the header error printed).
# Names are bounded, BOMs are never invisible, and a header with an escape
# sequence does not reach the terminal raw.
#
# usage: test_files.sh KAOPING SCRATCH UNITS_CSV
set -u
here=$(dirname "$(realpath "$0")")
kaoping=$(realpath "$1")
units=$(realpath "$3")
scratch=$2/files
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
. "$here/../hardening/lib.sh" || exit 1

status_is 0 "$kaoping" init --db k.db
db="--db k.db"

# A FIFO in a folder: refused at once, no hang.
mkdir fifo && cp "$units" fifo/units.csv && mkfifo fifo/health_lectures.csv
status_is 1 timeout 10 "$kaoping" import $db fifo
check contains err.txt "health_lectures.csv: is not a regular file"

# A link out of the folder: refused, and nothing of its target is shown.
mkdir link && cp "$units" link/units.csv
printf 'secret-first-line,x\n1,2\n' >outside.csv
ln -s "$PWD/outside.csv" link/health_lectures.csv
status_is 1 "$kaoping" import $db link
check contains err.txt "is a link to a file outside the folder"
check test "$(grep -c secret-first-line err.txt)" = 0
# With --follow it is read (and its header is wrong).
status_is 1 "$kaoping" import $db --follow link
check contains err.txt "secret-first-line"
# A link inside the folder is a file of the folder.
mkdir inside && cp "$units" inside/real.txt && ln -s real.txt inside/units.csv
status_is 0 "$kaoping" import $db inside

# Workbooks in a folder follow the same rules.
mkdir xfifo && cp "$units" xfifo/units.csv && mkfifo xfifo/health_lectures.xlsx
status_is 1 timeout 10 "$kaoping" import $db xfifo
check contains err.txt "health_lectures.xlsx: is not a regular file"
mkdir xlink && cp "$units" xlink/units.csv
printf 'PK\003\004secret-first-line' >outside.xlsx
ln -s "$PWD/outside.xlsx" xlink/health_lectures.xlsx
status_is 1 "$kaoping" import $db xlink
check contains err.txt "health_lectures.xlsx: is a link to a file outside the folder"
check test "$(grep -c secret-first-line err.txt)" = 0

# A header with an escape sequence: shown as \x1b, never sent raw.
mkdir esc && printf 'unit,date,\033[2Jtitle,participants\n' >esc/health_lectures.csv
status_is 1 "$kaoping" import $db esc/health_lectures.csv
check contains err.txt '\\x1b\[2Jtitle'
check test "$(cat out.txt err.txt | grep -c $'\033')" = 0

# Two BOMs before the header: both dropped, the file imports.
mkdir bom
{ printf '\xef\xbb\xbf\xef\xbb\xbf'; cat "$units"; } >bom/units.csv
status_is 0 "$kaoping" import $db bom/units.csv
# A BOM inside a field: refused, at its line, visibly.
{ head -2 "$units"; printf '420102000000,江北\xef\xbb\xbf区,县,420100000000\n'; } >bom/inner.csv
status_is 1 "$kaoping" import $db units=bom/inner.csv
check contains err.txt "inner.csv:3: field 2 holds an invisible byte order mark (U+FEFF)"

# Names are bounded: 60 hanzi pass, 65 do not; a control character never.
name() { printf '区%.0s' $(seq "$1"); }
{ head -2 "$units"; printf '420102000000,%s,县,420100000000\n' "$(name 60)"; } >ok.csv
status_is 0 "$kaoping" import $db units=ok.csv
{ head -2 "$units"; printf '420102000000,%s,县,420100000000\n' "$(name 65)"; } >long.csv
status_is 1 "$kaoping" import $db units=long.csv
check contains err.txt "long.csv:3: name: .*expected a name of at most 64 characters"
{ head -2 "$units"; printf '420102000000,东湖\033[31m区,县,420100000000\n'; } >ctl.csv
status_is 1 "$kaoping" import $db units=ctl.csv
check contains err.txt "ctl.csv:3: name: .*without control characters"
finish
