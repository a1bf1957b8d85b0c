#!/bin/bash
# test_report_limits.sh — layouts that ask for too much end with a clear
# message in bounded memory and time, and big charts work.
#
#   - 100,000 pages: refused at the page limit (5,000), naming the file;
#   - a table of a million rows: refused the same way, well under 1.5 GiB
#     (before the limit it took 29 s and 1.8 GB to write 29,412 pages);
#   - a line chart of 100,000 points: rendered into the PDF, a PNG preview
#     and an SVG, each valid.
#
# usage: test_report_limits.sh KAOPING PEAK_RSS SCRATCH
set -u
here=$(dirname "$(realpath "$0")")
kaoping=$(realpath "$1")
peak_rss=$(realpath "$2")
scratch=$3/report_limits
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
. "$here/lib.sh" || exit 1

status_is 0 "$kaoping" demo city --counties 3 --quiet
db=city/kaoping.db
under_mib() { # MIB: the last measured peak memory is below it
  echo "  peak memory $(( $(cat rss.txt) / 1024 )) MiB" >&2
  [ "$(cat rss.txt)" -lt $(($1 * 1024)) ]
}

cat >pages.lua <<'LUA'
name = "pages"
function render(doc, run, subject)
  for i = 1, 100000 do
    doc:paragraph("第" .. i .. "页")
    doc:page_break()
  end
end
LUA
status_is 1 "$peak_rss" rss.txt "$kaoping" report --db $db --layout pages.lua -o pages.pdf
check contains err.txt "pages.pdf: the report needs more than 5000 pages"
check contains err.txt "kaoping results --xlsx"
check test ! -e pages.pdf
check under_mib 1536

cat >rows.lua <<'LUA'
name = "rows"
function render(doc, run, subject)
  local rows = {}
  for i = 1, 1000000 do rows[i] = { tostring(i), "江北区城关街道东湖社区", "12.5" } end
  doc:table{ columns = { { "序号" }, { "单位" }, { "数值" } }, rows = rows }
end
LUA
start=$(date +%s)
status_is 1 "$peak_rss" rss.txt "$kaoping" report --db $db --layout rows.lua -o rows.pdf
echo "  a million rows: refused after $(($(date +%s) - start)) s" >&2
check contains err.txt "rows.pdf: the report needs more than 5000 pages"
check test ! -e rows.pdf
check under_mib 1536

cat >chart.lua <<'LUA'
name = "chart"
function render(doc, run, subject)
  local cats, vals = {}, {}
  for i = 1, 100000 do cats[i] = tostring(i); vals[i] = math.sin(i / 1000) * 50 + 50 end
  doc:chart{ kind = "line", name = "wave", title = "十万个点", categories = cats,
             series = { { name = "值", values = vals } } }
end
LUA
status_is 0 "$peak_rss" rss.txt "$kaoping" report --db $db --layout chart.lua -o chart.pdf --png
check qpdf_ok chart.pdf
check test -s chart-1.png
check under_mib 512
status_is 0 "$kaoping" chart --db $db --layout chart.lua --name wave -o wave.svg
check contains wave.svg "<svg"
status_is 0 "$kaoping" chart --db $db --layout chart.lua --name wave -o wave.png
check test -s wave.png
finish
