#!/usr/bin/env bash
# Debian packages the project needs beyond Python: Chromium for the browser tests, a CJK font and
# Pango/HarfBuzz for WeasyPrint PDFs, poppler-utils to render PDFs in tests. Installs only what is
# missing, and only when it can (root + apt-get); otherwise it says what is missing and goes on.
set -u
pkgs=(chromium fonts-wqy-microhei libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "warning: missing Debian packages (install them as root): ${missing[*]}" >&2
fi
exit 0
