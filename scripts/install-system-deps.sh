#!/usr/bin/env bash
# Installs the system libraries kemi needs (Debian/Ubuntu) when they are missing:
# Pango and HarfBuzz for WeasyPrint's PDF rendering.
set -euo pipefail

packages=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || packages+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || packages+=(libpangoft2-1.0-0)

if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "missing system libraries: ${packages[*]} (install them with your package manager)" >&2
  exit 1
fi
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
