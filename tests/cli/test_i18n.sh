#!/bin/bash
# test_i18n.sh KAOPING WORKDIR — messages in the reader's language: Chinese
# under a Chinese locale (installed or not) and when no locale is set at all,
# the English originals under LANG=C and other locales.
kaoping=$(realpath "$1")
work=$2/i18n
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
. "$(dirname "$0")/lib.sh"

nolocale() { env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE "$@"; }

# --help lists the commands in the reader's language.
status_is 0 nolocale "$kaoping" --help
check contains out.txt '用法：kaoping 命令'
check contains out.txt '创建数据库'
status_is 0 env LC_ALL= LANG=C "$kaoping" --help
check contains out.txt 'usage: kaoping COMMAND'
check contains out.txt 'create a database'
status_is 0 env LC_ALL= LANG=zh_CN.UTF-8 "$kaoping" --help
check contains out.txt '按考评细则考评全部县区'
# LC_ALL wins over LANG, as everywhere else.
status_is 0 env LC_ALL=C LANG=zh_CN.UTF-8 "$kaoping" --help
check contains out.txt 'usage: kaoping COMMAND'
status_is 0 env LC_ALL= LANG=en_US.UTF-8 "$kaoping" --help
check contains out.txt 'create a database'

# An error with its argument in place.
status_is 2 nolocale "$kaoping" nosuch
check contains err.txt '没有“nosuch”这个命令'
status_is 2 env LC_ALL= LANG=C "$kaoping" nosuch
check contains err.txt "unknown command 'nosuch'"

echo "$checks checks, $failures failures"
[ "$failures" -eq 0 ]
