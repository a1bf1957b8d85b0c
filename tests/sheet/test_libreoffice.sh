#!/bin/bash
# test_libreoffice.sh KAOPING FILL_PY WORKDIR — a form written by `kaoping
# template --unit`, filled in and saved by LibreOffice Calc, imports as it is.
kaoping=$(realpath "$1")
fill=$(realpath "$2")
work=$3/libreoffice
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
. "$(dirname "$0")/../cli/lib.sh"
[ -x /usr/bin/python3 ] && command -v soffice >/dev/null || { echo "LibreOffice is not installed"; exit 77; }

status_is 0 "$kaoping" demo city --counties 2 --quiet
status_is 0 "$kaoping" init
status_is 0 "$kaoping" import --quiet city/data/units.csv
status_is 0 "$kaoping" template --unit 420101000000 --year 2023 forms

/usr/bin/python3 "$fill" forms/420101000000.xlsx filled.xlsx profile >fill.txt 2>&1
rc=$?
[ $rc -eq 77 ] && { echo "LibreOffice's Python bridge is not installed"; exit 77; }
check [ $rc -eq 0 ]
cat fill.txt
rows=$(sed -n 's/^filled \([0-9]*\) 组织状况.*/\1/p' fill.txt)
check [ -n "$rows" ]
check [ "${rows:-0}" -gt 10 ]

# Not one edit between LibreOffice and kaoping.
status_is 0 "$kaoping" import filled.xlsx
cat out.txt err.txt
q() { sqlite3 kaoping.db "$1"; }
check [ "$(q "SELECT count(*) FROM org_status WHERE unit LIKE '420101%' AND year = 2023 \
            AND reelected = 1 AND reelected_on = '2023-05-12' AND staff_posted = 3 \
            AND member_home = 0")" = "$rows" ]
check [ "$(q "SELECT group_concat(unit || ' ' || date || ' ' || title || ' ' || participants, '|') \
            FROM (SELECT * FROM health_lectures ORDER BY date)")" = \
        "420101001000 2023-04-28 合理膳食 健康生活 120|420101001001 2023-09-01 科学运动 80" ]
# The tables nobody filled in stay empty rather than failing the file.
check [ "$(q "SELECT count(*) FROM health_projects")" = 0 ]

echo "$checks checks, $failures failures"
[ "$failures" -eq 0 ]
