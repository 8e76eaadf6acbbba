#!/usr/bin/env bash
# Browser end-to-end tests of `ascribe serve`: installs Debian's Chromium and playwright-core when
# missing, builds the CLI when it is not built, and runs the tests. Fails (never skips) when any
# piece is missing.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

npm ci --no-audit --no-fund --loglevel=error

if [ ! -f "$root/src/Ascribe.Cli/bin/Release/net10.0/ascribe.dll" ]; then
  dotnet build "$root/src/Ascribe.Cli" -c Release -v q
fi

npm test
