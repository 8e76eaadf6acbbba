#!/usr/bin/env bash
# Measures POST /api/analyze throughput and latency percentiles of `ascribe serve` under a bounded
# loopback load: wrk with CONNECTIONS connections for DURATION on 127.0.0.1 only, posting the
# sample article (tests/data/putin-inner-circle.txt, ~7 KB) as JSON. Writes results/web-bench.txt.
#
#   bench/web-bench.sh [DURATION=20s] [CONNECTIONS=8]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20s}"
connections="${2:-8}"
out=results/web-bench.txt

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet build src/Ascribe.Cli -c Release -v q >/dev/null

body="$(mktemp)"
python3 -c 'import json,sys; print(json.dumps({"id": "putin-inner-circle", "text": open(sys.argv[1], encoding="utf-8").read()}))' \
  tests/data/putin-inner-circle.txt > "$body"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
url="http://127.0.0.1:$port"

# Rate limiting is off for the measurement (the default of 600 requests a minute would cap it).
dotnet src/Ascribe.Cli/bin/Release/net10.0/ascribe.dll serve --urls "$url" --rate-limit 0 2>/tmp/ascribe-web-bench-server.log &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$body"' EXIT
for _ in $(seq 1 100); do curl -fs "$url/" >/dev/null && break; sleep 0.2; done

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up (JIT, tiered compilation), then the measured run.
ASCRIBE_BENCH_BODY="$body" wrk -t1 -c"$connections" -d5s -s bench/web-post.lua "$url/api/analyze" >/dev/null
result="$(ASCRIBE_BENCH_BODY="$body" wrk -t1 -c"$connections" -d"$duration" --latency -s bench/web-post.lua "$url/api/analyze")"

{
  echo "# ascribe serve: POST /api/analyze (sample article, $(wc -c < tests/data/putin-inner-circle.txt) bytes of text)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "dotnet: $(dotnet --version); load: wrk -t1 -c$connections -d$duration on loopback, server and load generator on the same machine"
  echo "machine load average (1/5/15 min) before the run: $load_before (the machine is shared; numbers vary with it)"
  echo "command: bench/web-bench.sh $duration $connections"
  echo
  echo "$result"
} > "$out"
cat "$out"
