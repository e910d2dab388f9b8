#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright downloads no browser here) and need CJK
# fonts, or every Chinese character in a screenshot is a box. Installs both when missing.
set -euo pipefail
missing=()
dpkg -s chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]}…"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
