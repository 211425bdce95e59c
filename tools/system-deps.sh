#!/usr/bin/env bash
# Install the Debian packages the tests need beyond the Python environment (`make system-deps`; `make test`
# runs it first). Usage: tools/system-deps.sh PACKAGE...
#
# As root with apt-get (Debian, Ubuntu, CI) the missing packages are installed. Elsewhere (not root, not
# Debian, macOS) nothing is installed: the script names what is missing and how to enable it, and exits 0;
# the tests that need a missing piece then skip with one line each (tests/system_support.py). With CI set,
# a package that cannot be installed is an error.
set -euo pipefail
[ "$#" -gt 0 ] || { echo "usage: $0 PACKAGE..." >&2; exit 2; }
missing=()
for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
    exit 0
fi
why="not root"
command -v apt-get >/dev/null 2>&1 || why="no apt-get (not Debian/Ubuntu)"
if [ -n "${CI:-}" ]; then
    echo "system-deps: cannot install ${missing[*]} ($why), and CI requires them" >&2
    exit 1
fi
echo "system-deps: not installing ${missing[*]} ($why); the tests that need them will skip."
echo "system-deps: to enable them: sudo apt-get install ${missing[*]}   (or run \`make system-deps\` as root)"
