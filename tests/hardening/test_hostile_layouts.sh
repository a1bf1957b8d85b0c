#!/bin/bash
# test_hostile_layouts.sh — layouts that attack the seam between Lua and C
# end with a file:line message, within their time and memory, and never
# crash, hang or read freed memory (the ASan build reports that).
#
#   - metatables on the tables given to doc methods and returned by
#     subjects(): __index, __len and __pairs functions never run inside C;
#   - numbers converted to text stay alive while C uses them, under
#     allocation pressure that makes the collector run;
#   - huge, infinite and NaN chart values, huge charts, pies with negative
#     values, radars with two spokes: refused at the layout's line;
#   - doc:image of a FIFO, a symbolic link, a name with "..": refused at once;
#   - NUL in text, out-of-range integers: refused, not cut or wrapped;
#   - rawset on the shared string table: refused.
#
# usage: test_hostile_layouts.sh KAOPING PEAK_RSS SCRATCH
set -u
here=$(dirname "$(realpath "$0")")
kaoping=$(realpath "$1")
peak_rss=$(realpath "$2")
scratch=$3/hostile_layouts
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
. "$here/lib.sh" || exit 1

status_is 0 "$kaoping" demo city --counties 3 --quiet
db=city/kaoping.db

# layout NAME BODY: NAME.lua whose render(doc, run, subject) runs BODY.
layout() {
  printf 'name = "%s"\nfunction render(doc, run, subject)\n%s\nend\n' "$1" "$2" >"$1.lua"
}
# report NAME [ARGS...]: render NAME.lua to NAME.pdf, timed (seconds in secs.txt).
report() {
  local name=$1; shift
  local start=$(date +%s%N)
  status_is "$want" "$peak_rss" rss.txt timeout 60 "$kaoping" report --db $db --layout "$name.lua" \
    -o "$name.pdf" --timeout 2 "$@"
  echo $((($(date +%s%N) - start) / 1000000)) >ms.txt
  echo "  $name: $(cat ms.txt) ms, peak $(($(cat rss.txt) / 1024)) MiB" >&2
}
within_ms() { [ "$(cat ms.txt)" -lt "$1" ] || { echo "took $(cat ms.txt) ms" >&2; return 1; }; }
under_mib() { [ "$(cat rss.txt)" -lt $(($1 * 1024)) ]; }
text_has() { pdftotext "$1" - 2>/dev/null | grep -q -- "$2" || { echo "$1 lacks $2" >&2; return 1; }; }

# Allocation pressure: enough garbage that the collector runs between any
# two allocations C makes.
pressure='local function churn() local t = {} for i = 1, 2000 do t[i] = ("x"):rep(64) .. i end end'

# ---- 1. Strings C keeps ------------------------------------------------------
want=0
layout cover_numbers "$pressure
  local lines = {}
  for i = 1, 32 do lines[i] = 700000 + i end
  churn()
  doc:cover{ title = 123456789, subtitle = 987654321, lines = lines }
  churn()
  doc:info{ title = 42, author = 43, subject = 44, keywords = 45, unit = 46 }
  doc:paragraph(31415926)
  doc:chart{ kind = 'bars', name = 77, title = 271828, unit = 5,
             categories = { 1, 2, 3 }, axes = { 8, 9 },
             series = { { name = 11, values = { 1, 2, 3 } } },
             references = { { value = 2, label = 12 } } }"
report cover_numbers
check text_has cover_numbers.pdf 123456789
check text_has cover_numbers.pdf 987654321
check text_has cover_numbers.pdf 700032
check text_has cover_numbers.pdf 31415926
want=0
status_is 0 "$kaoping" chart --db $db --layout cover_numbers.lua --name 77 -o c77.svg
check contains c77.svg "<svg"

# The probe: a table whose __index makes a fresh string each time.
want=1
layout cover_index "local n = 0
  local fresh = setmetatable({}, { __index = function(t, k) n = n + 1; return ('标题'):rep(50) .. n end })
  doc:cover(fresh)"
report cover_index
check contains err.txt "cover_index.lua:5: doc:cover: a title is required"
check within_ms 5000

# __len and __pairs functions are not asked either.
want=0
layout len_pairs "local calls = 0
  local mt = { __len = function() calls = calls + 1; return 1e9 end,
               __pairs = function() calls = calls + 1; return next, {}, nil end,
               __index = function() calls = calls + 1; while true do end end }
  local rows = setmetatable({ { 'a', 1 }, { 'b', 2 } }, mt)
  doc:table{ columns = setmetatable({ { '名称' }, { '数值' } }, mt), rows = rows }
  doc:kv(setmetatable({ { '单位', '江北区' } }, mt))
  doc:cover(setmetatable({ title = '封面', lines = setmetatable({ '一' }, mt) }, mt))
  doc:chart(setmetatable({ kind = 'bars', title = '图', categories = setmetatable({ 'x' }, mt),
    series = setmetatable({ setmetatable({ name = 's', values = setmetatable({ 1 }, mt) }, mt) }, mt) }, mt))
  if calls ~= 0 then error('metamethods ran: ' .. calls) end"
report len_pairs
check text_has len_pairs.pdf "江北区"

# ---- 2. A row replaced after it was checked -------------------------------------
want=0
layout swap_rows "local rows = { { '甲', 1 }, { '乙', 2 } }
  local col = setmetatable({ '名称' }, { __index = function(t, k) rows[1] = 0x41414141; return nil end })
  doc:table{ columns = { col, { '数值' } }, rows = rows }"
report swap_rows
check text_has swap_rows.pdf "甲"

# ---- 3. subjects() entries with hostile metatables ----------------------------
for kind in loop error grow; do
  case $kind in
    loop) body='while true do end' ;;
    error) body='error("boom")' ;;
    grow) body='local t = {} for i = 1, 1e12 do t[i] = i end' ;;
  esac
  cat >subjects_$kind.lua <<LUA
name = "subjects_$kind"
function subjects(run)
  return { setmetatable({}, { __index = function(t, k) $body end }) }
end
function render(doc, run, subject) doc:paragraph("x") end
LUA
  want=1
  report subjects_$kind --all
  check contains err.txt "subjects_$kind.lua: subjects() entry 1 needs code and name"
  check within_ms 5000
  check under_mib 512
done

# ---- 4. Numbers charts cannot scale, charts too big to draw ---------------------
for v in "1.7e308" "1/0" "0/0" "-1e300"; do
  want=1
  layout huge "doc:chart{ kind = 'heatmap', name = 'h', title = '热力', categories = { '甲', '乙' },
    series = { { name = '值', values = { 0, $v } } } }"
  report huge
  check contains err.txt "huge.lua:3: doc:chart:"
  check within_ms 5000
done
want=0
layout tiny_span "doc:chart{ kind = 'heatmap', name = 'h', title = '热力', categories = { '甲', '乙' },
    series = { { name = '值', values = { 1e15, 1e15 - 0.125 } } } }
  doc:chart{ kind = 'line', name = 'l', title = '线', range = { -1e15, 1e15 }, categories = { '甲', '乙' },
    series = { { name = '值', values = { 1e15, -1e15 } } } }"
report tiny_span
check qpdf_ok tiny_span.pdf
want=1
layout range "doc:chart{ kind = 'bars', title = '图', categories = { '甲' }, range = { 0, 1.7e308 },
    series = { { name = '值', values = { 1 } } } }"
report range
check contains err.txt "range.lua:3: doc:chart:"

# heat NAME ROWS COLUMNS: a heatmap of ROWS x COLUMNS cells, built on line 6.
heat() {
  layout "$1" "local cats, v, series = {}, {}, {}
  for i = 1, $2 do cats[i] = 'u' .. i; v[i] = i % 100 end
  for s = 1, $3 do series[s] = { name = 's' .. s, values = v } end
  doc:chart{ kind = 'heatmap', name = 'h', title = '热力', categories = cats, series = series }"
}
# The documented limit was a million rows by 64 series; that ran 493 s and
# took 4.5 GB.  Now refused before any cell is read.
want=1
heat big_heat 1000000 64
report big_heat --timeout 60
check contains err.txt "big_heat.lua:6: doc:chart: a heatmap of 1000000 × 64 cells is more than"
check within_ms 30000
# At the limit it renders in seconds.
want=0
heat limit_heat 2000 50
report limit_heat --timeout 30
check qpdf_ok limit_heat.pdf
check within_ms 20000

# Pies and radars that cannot be drawn fail at the layout's line.
want=1
layout pie "doc:chart{ kind = 'pie', title = '饼', categories = { '甲', '乙' },
    series = { { name = '值', values = { 3, -1 } } } }"
report pie
check contains err.txt "pie.lua:3: doc:chart: chart \"饼\": \"乙\" has the negative value -1"
layout radar "doc:chart{ kind = 'radar', title = '雷达', categories = { '甲', '乙' },
    series = { { name = '值', values = { 3, 1 } } } }"
report radar
check contains err.txt "radar.lua:3: doc:chart: chart \"雷达\": a radar chart needs at least 3"

# ---- 5. Files a layout names ---------------------------------------------------
mkfifo fifo.png
ln -s /etc/passwd link.png
want=1
layout image_fifo "doc:image('fifo.png')"
report image_fifo
check contains err.txt "image_fifo.lua:3: doc:image: fifo.png is not a regular file"
check within_ms 5000
layout image_link "doc:image('link.png')"
report image_link
check contains err.txt "image_link.lua:3: doc:image: link.png: a symbolic link"
layout image_up "doc:image('sub/../../etc/passwd')"
report image_up
check contains err.txt "image_up.lua:3: doc:image: give the name of a file in the layout's folder"

# ---- 6. Smaller holes ------------------------------------------------------------
want=1
layout nul "doc:paragraph('看得见\\0看不见')"
report nul
check contains err.txt "nul.lua:3: doc:paragraph: the text contains a NUL character"
layout nul_cell "doc:table{ columns = { { '名称' } }, rows = { { '甲\\0乙' } } }"
report nul_cell
check contains err.txt "nul_cell.lua:3: doc:table: a cell contains a NUL character"
layout decimals "doc:chart{ kind = 'bars', title = '图', categories = { '甲' }, decimals = 2^32 + 3,
    series = { { name = '值', values = { 1.23456 } } } }"
report decimals
check contains err.txt "decimals.lua:3: doc:chart: field 'decimals' must be a whole number from -1 to 6"
layout toc "doc:style{ toc_depth = 2^32 + 1 }"
report toc
check contains err.txt "toc.lua:3: doc:style: field 'toc_depth' must be a whole number"
layout rawset_string "rawset(string, 'format', function() return 'evil' end)"
report rawset_string
check contains err.txt "rawset_string.lua:3: string is read-only"
finish
