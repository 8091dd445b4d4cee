#!/usr/bin/env bash
# Installs what the server and browser tests need: Chromium and its driver, Virtuoso Open
# Source (Debian packages) and the Oxigraph server (the `oxigraph` PyPI package, into the venv).
# Idempotent: anything already present is left alone. Called from .ci/run before `make test`.
#
#   bash scripts/ci-servers.sh            # install everything missing
#   bash scripts/ci-servers.sh browser    # only Chromium + chromium-driver
#   bash scripts/ci-servers.sh servers    # only Virtuoso + Oxigraph server
#
# The tests themselves start the servers on free loopback ports (tests/store/test_remote.py).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
APT_UPDATED=0

apt_install() {
    # apt-get install PACKAGES, running `apt-get update` once first
    if ! command -v apt-get >/dev/null; then
        echo "ci-servers: no apt-get here; install $* by hand" >&2
        return 0
    fi
    if [ "$APT_UPDATED" = 0 ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

install_browser() {
    if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
        return 0
    fi
    apt_install chromium chromium-driver
}

install_virtuoso() {
    if command -v virtuoso-t >/dev/null; then
        return 0
    fi
    # the package asks for a DBA password on install; an empty answer keeps the default
    echo "virtuoso-opensource-7 virtuoso-opensource/dba-password password dba" | debconf-set-selections 2>/dev/null || true
    echo "virtuoso-opensource-7 virtuoso-opensource/dba-password-again password dba" | debconf-set-selections 2>/dev/null || true
    apt_install virtuoso-opensource
    # the package starts a system instance on the default ports; the tests run their own
    if command -v service >/dev/null; then
        service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
    fi
}

install_oxigraph() {
    if [ -x "$VENV/bin/oxigraph" ]; then
        return 0
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        make setup VENV="$VENV"  # a clean clone has no venv yet
    fi
    "$VENV/bin/python" -m pip install --quiet "oxigraph>=0.5,<0.6"
}

case "${1:-all}" in
    browser) install_browser ;;
    servers) install_virtuoso; install_oxigraph ;;
    all) install_browser; install_virtuoso; install_oxigraph ;;
    *) echo "usage: $0 [all|browser|servers]" >&2; exit 2 ;;
esac
