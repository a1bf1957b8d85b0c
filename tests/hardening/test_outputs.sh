#!/bin/bash
# test_outputs.sh — what kaoping writes on the user's disk, and what stored
# text does to the tools that show it next.
#
# A layout or a county's name decides output file names, so a name must not
# reach the database, a device or another folder; an existing file is only
# replaced with --overwrite; CSV for people never carries a formula; a
# terminal never receives an escape sequence from the data; the workbook is
# valid whatever a rule wrote; a full disk says so and names the file.
#
# usage: test_outputs.sh KAOPING SCRATCH
set -u
here=$(dirname "$(realpath "$0")")
kaoping=$(realpath "$1")
scratch=$2/outputs
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
. "$here/lib.sh" || exit 1

status_is 0 "$kaoping" demo city --counties 3 --quiet
db=city/kaoping.db
run=$(sql $db 'SELECT max(id) FROM assessment_runs')
reports=$(realpath "$here/../../reports")
unit=$(sql $db "SELECT unit FROM run_units WHERE run_id = $run ORDER BY unit LIMIT 1")
# Hostile text is put into the stored run directly, the way a damaged or
# foreign database would hold it: import refuses such names, and stored runs
# are immutable, so the triggers that keep them so are dropped here.
for t in run_units run_scores run_areas run_items; do sql $db "DROP TRIGGER ${t}_immutable"; done

# A layout whose subject names the database: the PDF goes to kaoping.db.pdf,
# and the database is untouched.
mkdir work && cp $db work/kaoping.db && cd work || exit 1
before=$(sha256sum kaoping.db)
cat >evil.lua <<'LUA'
name = "evil"
function subjects(run) return { { code = "a", name = "甲", file = "kaoping.db" } } end
function render(doc, run, subject) doc:paragraph("x") end
LUA
status_is 0 "$kaoping" report --layout evil.lua --all
check test "$before" = "$(sha256sum kaoping.db)"
check test -s kaoping.db.pdf

# Names a layout may not give: folders, hidden files, control characters.
for bad in '"../up"' '".hidden"' '"a\27[2Jb"' 'string.rep("a", 300)'; do
  printf 'name = "bad"\nfunction subjects(run) return { { code = "a", name = "x", file = %s } } end\nfunction render(doc) doc:paragraph("x") end\n' "$bad" >bad.lua
  status_is 1 "$kaoping" report --layout bad.lua --all -o out
  check contains err.txt "is not a plain file name"
done
check test ! -e up.pdf

# Two subjects with one file: refused before anything is written.
cat >twice.lua <<'LUA'
name = "twice"
function subjects(run) return { { code = "a", name = "甲", file = "same" }, { code = "b", name = "乙", file = "same.pdf" } } end
function render(doc, run, subject) doc:paragraph("x") end
LUA
status_is 1 "$kaoping" report --layout twice.lua --all -o twice
check contains err.txt 'both be written to "same.pdf"'
check test -z "$(ls twice 2>/dev/null)"

# An existing file is replaced only with --overwrite.
status_is 1 "$kaoping" report --layout evil.lua --all
check contains err.txt "kaoping.db.pdf: the file exists"
status_is 0 "$kaoping" report --layout evil.lua --all --overwrite

# -o at a FIFO or a device: refused, never replaced by a regular file.
mkfifo fifo.pdf
status_is 1 "$kaoping" report --layout evil.lua --unit a -o fifo.pdf --overwrite
check contains err.txt "is not a regular file"
check test -p fifo.pdf
ln -s /dev/null null.pdf
status_is 1 "$kaoping" report --layout evil.lua --unit a -o null.pdf --overwrite
check test -L null.pdf
check test -c /dev/null
# -o at a file: the output folder must be a folder.
status_is 1 "$kaoping" report --layout evil.lua --all -o kaoping.db
check contains err.txt "must be a folder"
check test "$before" = "$(sha256sum kaoping.db)"
# A missing folder is made.
status_is 0 "$kaoping" report --layout evil.lua --all -o new/deeper
check test -s new/deeper/kaoping.db.pdf
# chart -o and results --xlsx follow the same rules.
touch taken.png taken.xlsx
status_is 1 "$kaoping" chart --layout "$reports/county.lua" --unit "$unit" --name radar -o taken.png
check contains err.txt "taken.png: the file exists"
check test ! -s taken.png
status_is 1 "$kaoping" results --xlsx taken.xlsx
check contains err.txt "taken.xlsx: the file exists"
status_is 1 "$kaoping" results --xlsx /dev/null --overwrite
check contains err.txt "is not a regular file"

# A county named with a slash and sixty characters: every county's report
# is still written, under a name made safe.
long=$(printf '很%.0s' $(seq 60))
sql kaoping.db "UPDATE run_units SET name = '东湖区/高新区$long' WHERE run_id = $run AND unit = '$unit'"
status_is 0 "$kaoping" report --layout "$reports/county.lua" --all -o counties
check test "$(ls counties | wc -l)" = 3
check test -n "$(ls counties | grep '东湖区_高新区很')"

# A full disk: the message says so and names the file; nothing is left.
# (A file size limit stands for the full disk: write() fails the same way.)
cat >long.lua <<'LUA'
name = "long"
function render(doc, run, subject)
  local rows = {}
  for i = 1, 6000 do rows[i] = { tostring(i), "村" .. i, string.format("%.2f", i / 7) } end
  doc:table{ columns = { { "序号" }, { "单位" }, { "数值" } }, rows = rows }
end
LUA
status_is 1 bash -c 'trap "" XFSZ; ulimit -f 200; exec "$@"' - \
  "$kaoping" report --layout long.lua -o big.pdf
check contains err.txt "big.pdf: cannot write: disk full"
check test ! -e big.pdf
check test -z "$(ls | grep '\.tmp-')"

# A name of 33,000 characters: every report and the workbook are written.
cp kaoping.db huge.db
sql huge.db "UPDATE run_units SET name = replace(hex(zeroblob(33000)), '00', '长') WHERE run_id = $run AND unit = '$unit'"
for layout in city area county; do
  status_is 0 "$kaoping" report --db huge.db --layout "$reports/$layout.lua" --all -o "huge-$layout"
done
check test "$(ls huge-county | wc -l)" = 3
status_is 0 "$kaoping" results --db huge.db --xlsx huge.xlsx
check test -s huge.xlsx

# Formulas and escape sequences in stored text.
sql kaoping.db "UPDATE run_units SET name = '=cmd|'' /C calc''!A0' || char(27) || '[31m' WHERE run_id = $run AND unit = '$unit'"
status_is 0 "$kaoping" results --format csv
check contains out.txt "'=cmd|' /C calc'!A0"
status_is 0 "$kaoping" results --format csv-raw
check contains out.txt ",=cmd|' /C calc'!A0"
status_is 0 "$kaoping" results
check contains out.txt '=cmd.*\\x1b\[31m'
check test "$(grep -c $'\033' out.txt)" = 0
status_is 0 "$kaoping" results --unit "$unit"
check test "$(grep -c $'\033' out.txt)" = 0

# An explanation longer than Excel allows, with bytes that are not UTF-8.
sql kaoping.db "UPDATE run_scores SET explanation = replace(hex(zeroblob(40000)), '00', '说') || X'FF' || char(1) WHERE run_id = $run"
status_is 0 "$kaoping" results --xlsx book.xlsx
check test -s book.xlsx
if command -v python3 >/dev/null; then
  check python3 - book.xlsx <<'PY'
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith('.xml'):
        xml.dom.minidom.parseString(z.read(n))  # raises on malformed XML
s = z.read('xl/sharedStrings.xml').decode()
assert '\ufffd' in s and '\u2026' in s, 'repaired and cut'
PY
fi

# The PDF password from a file or standard input, never from argv.
printf 'geheim\n' >pw
status_is 0 "$kaoping" report --layout evil.lua --unit a -o locked.pdf --password-file pw
check grep -q /Encrypt locked.pdf
status_is 0 <<<geheim "$kaoping" report --layout evil.lua --unit a -o locked2.pdf --password-file -
check grep -q /Encrypt locked2.pdf
status_is 2 "$kaoping" report --layout evil.lua --unit a -o x.pdf --password geheim
finish
