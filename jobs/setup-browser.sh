#!/usr/bin/env bash
# Installs the headless browser the report's browser test (ReportBrowserIT) drives: Debian's
# `chromium` (and `chromium-driver`, for anyone who prefers WebDriver; the test itself speaks
# Chromium's DevTools protocol and needs only the browser).
#   jobs/setup-browser.sh            install when missing (apt-get; as root, or through sudo),
#                                    then print the browser's path and version
#   jobs/setup-browser.sh --check    only check; exit 1 when missing
# The test runs this script itself, so a fresh CI machine running `mvn -B clean verify` gets
# the browser; it fails (never skips) when the browser cannot be installed.
# Exits 1 with one line naming what is missing.
set -euo pipefail

die() {
  echo "jobs/setup-browser.sh: $*" >&2
  exit 1
}

find_browser() {
  local b
  for b in chromium chromium-browser; do
    command -v "$b" 2>/dev/null && return 0
  done
  return 1
}

if [[ "${1:-}" != "--check" ]]; then
  [[ $# -eq 0 ]] || die "unknown argument '$1' (usage: jobs/setup-browser.sh [--check])"
  if ! find_browser >/dev/null; then
    sudo=""
    if [[ "$(id -u)" -ne 0 ]]; then
      command -v sudo >/dev/null || die "chromium missing, not root and no sudo: run 'apt-get install -y chromium chromium-driver' as root"
      sudo="sudo -n"
    fi
    command -v apt-get >/dev/null || die "chromium missing and no apt-get: install Chromium (headless) so that 'chromium' is on PATH"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y --no-install-recommends chromium chromium-driver >&2 \
      || { $sudo apt-get update >&2 && $sudo apt-get install -y --no-install-recommends chromium chromium-driver >&2; } \
      || die "apt-get could not install chromium and chromium-driver"
  fi
fi

browser="$(find_browser)" || die "chromium is not installed (run jobs/setup-browser.sh)"
version="$("$browser" --headless --no-sandbox --version 2>/dev/null)" || die "$browser does not run: $("$browser" --version 2>&1 | head -1)"
echo "$browser"
echo "$version"
