#!/usr/bin/env bash
# Installs what the test suite needs beyond a JDK, from Debian's packages: the Jupyter client libraries that drive
# the kernel's end-to-end tests (python3-jupyter-client, python3-nbclient, python3-nbformat), the browser the UI's
# tests run in (chromium and its chromedriver), and the PostgreSQL server the JDBC tests start in a temporary
# directory of their own (postgresql; its initdb and pg_ctl are in /usr/lib/postgresql/<version>/bin). Does nothing
# for what is already there.
# Needs root (or sudo) and the Debian package mirrors when it has to install.
set -euo pipefail

# Debian's packages go to the system Python; the tests look for jupyter_client there first.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
packages=()
if ! "$PYTHON" -c 'import jupyter_client, nbclient, nbformat' >/dev/null 2>&1; then
  packages+=(python3-jupyter-client python3-nbclient python3-nbformat)
fi
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  packages+=(chromium chromium-driver)
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  packages+=(postgresql)
fi
if [ "${#packages[@]}" -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: no apt-get here; install ${packages[*]} yourself" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "install-test-deps: not root and no sudo; the tests that need ${packages[*]} will be skipped" >&2
    exit 0
  fi
fi
echo "install-test-deps: installing ${packages[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
"$PYTHON" -c 'import jupyter_client, nbclient, nbformat'
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]
ls /usr/lib/postgresql/*/bin/initdb >/dev/null
