#!/usr/bin/env bash
# What the test suite needs beyond Python packages, installed when missing:
# Debian's PostgreSQL (the records tests start a throwaway cluster from it),
# Chromium (the report tests open the HTML in it) and Ralph, a Learning Record
# Store, in a virtual env of its own (the xAPI export tests send to it).
# Needs root and apt-get for the first two; without them the tests that need
# a missing piece skip and say why (CI sets CALLSIM_REQUIRE_* so they fail).
# Prints the `export` line for the Ralph it found or installed.
set -uo pipefail
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "callsim tests: installing PostgreSQL for the records tests..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq </dev/null >&2
    apt-get install -y -qq --no-install-recommends postgresql </dev/null >&2
  else
    echo "callsim tests: no PostgreSQL server and no root apt-get to install one" >&2
  fi
fi
# The report tests open the HTML in a real headless Chromium (Debian's `chromium`).
if ! command -v chromium >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "callsim tests: installing Chromium for the report tests..." >&2
  apt-get update -qq </dev/null >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium </dev/null >&2
fi
# The xAPI export tests send statements to a real LRS: Ralph, in a virtual env of its own
# (it pins its own dependency versions); `requests` is one it imports but does not declare.
RALPH_VENV="${XDG_CACHE_HOME:-$HOME/.cache}/callsim-ci/ralph-5.1.0"
if [ ! -x "$RALPH_VENV/bin/ralph" ]; then
  echo "callsim tests: installing Ralph (an LRS) for the export tests..." >&2
  python3 -m venv "$RALPH_VENV" && "$RALPH_VENV/bin/pip" install -q \
    'ralph-malph[cli,lrs,backend-fs]==5.1.0' requests </dev/null >&2 || true
fi
if [ -x "$RALPH_VENV/bin/ralph" ]; then echo "export CALLSIM_RALPH=$RALPH_VENV/bin/ralph"; fi
