#!/usr/bin/env bash
# Installs what kemi and its tests need (Debian/Ubuntu) when it is missing:
# Pango and HarfBuzz for WeasyPrint's PDF rendering; with --test also Debian's Chromium,
# Node.js, Java, poppler's PDF tools and the npm packages of the page checks (axe-core;
# puppeteer-core, which drives the system Chromium and downloads no browser; vnu-jar, the Nu Html
# Checker, which runs on Java) and the Markdown linter.
set -euo pipefail
cd "$(dirname "$0")/.."

with_test_tools=false
[ "${1:-}" = "--test" ] && with_test_tools=true

packages=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || packages+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || packages+=(libpangoft2-1.0-0)
if $with_test_tools; then
  command -v chromium >/dev/null || packages+=(chromium)
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
  # pdftotext and pdftoppm: the tests read the text of real PDFs back.
  command -v pdftotext >/dev/null || packages+=(poppler-utils)
  command -v java >/dev/null || packages+=(default-jre-headless)
fi

if [ ${#packages[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "missing system packages: ${packages[*]} (install them with your package manager)" >&2
    exit 1
  fi
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

if $with_test_tools && { [ ! -d .ci/node/node_modules/axe-core ] || [ ! -f .ci/node/node_modules/vnu-jar/build/dist/vnu.jar ]; }; then
  # Exact versions from the lock file; puppeteer-core never downloads a browser.
  npm ci --prefix .ci/node --no-audit --no-fund --silent
fi
