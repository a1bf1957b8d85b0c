#!/bin/sh
# Install what building, running and testing kaoping needs on Debian 12.
# Safe to run again: apt-get skips what is already there.
set -eu
packages="
  gcc meson ninja-build pkg-config
  libsqlite3-dev liblua5.4-dev libhpdf-dev libcairo2-dev libharfbuzz-dev
  libfreetype-dev libunistring-dev libxlsxwriter-dev libzip-dev libxml2-dev libfreexl-dev
  libmicrohttpd-dev libsodium-dev libjansson-dev gettext
  fonts-wqy-microhei
  poppler-utils qpdf sqlite3 valgrind clang libclang-rt-14-dev
  libreoffice-calc-nogui python3-uno
  chromium chromium-driver python3-selenium curl openssl
"
if [ "$(id -u)" -ne 0 ]; then
  echo "install-debian-deps: run as root (or with sudo)" >&2
  exit 1
fi
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$(echo $missing)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $(echo $missing | tr ' ' '\n' | sort -u) >/dev/null
fi
echo "install-debian-deps: all packages present"
