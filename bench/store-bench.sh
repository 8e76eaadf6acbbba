#!/usr/bin/env bash
# Store benchmark: PolNeAR dev+train texts replicated to N articles (default 10,000), ingested
# into SQLite and PostgreSQL, then search / speaker-profile latency. Writes results/store-bench.txt.
# Usage: bench/store-bench.sh [POLNEAR_DIR] [N]     (PostgreSQL: .ci/pg-start.sh must work here)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/data/polnear}"
count="${2:-10000}"
work="$(mktemp -d /tmp/ascribe-store-bench.XXXX)"
out=results/store-bench.txt
dotnet build src/Ascribe.Cli -c Release -v q >/dev/null
dotnet build bench/Ascribe.StoreBench -c Release -v q >/dev/null
ascribe=src/Ascribe.Cli/bin/Release/net10.0/ascribe
harness="dotnet bench/Ascribe.StoreBench/bin/Release/net10.0/Ascribe.StoreBench.dll"
$harness replicate --corpus "$corpus" --out "$work/articles.jsonl" --count "$count"
pg_base="$(.ci/pg-start.sh /tmp/ascribe-pg-bench 55433)"
schema="bench_$$"
psql_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql"
runuser -u postgres -- "$psql_bin" -h 127.0.0.1 -p 55433 -U postgres -d ascribe_test -qc "CREATE SCHEMA $schema" 2>/dev/null \
  || "$psql_bin" -h 127.0.0.1 -p 55433 -U postgres -d ascribe_test -qc "CREATE SCHEMA $schema"
pg="$pg_base;Search Path=$schema"
{
  echo "# ascribe store benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "# machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB RAM, shared with other jobs"
  echo "# input: $count articles replicated from PolNeAR dev+train ($corpus); every 10th after the originals is a retitled wire copy"
  echo "# command: bench/store-bench.sh $corpus $count"
  for engine in sqlite postgres; do
    db="$work/bench.db"; [ "$engine" = postgres ] && db="$pg"
    echo
    echo "## $engine: ascribe ingest articles.jsonl --workers 2 --batch 100 (load average before: $(cut -d" " -f1-3 /proc/loadavg))"
    /usr/bin/time -f "wall %e s, user %U s, sys %S s (ascribe process), max RSS %M KB" "$ascribe" ingest "$work/articles.jsonl" --db "$db" --workers 2 --format json 2>&1 \
      | python3 -c 'import sys,json; t=sys.stdin.read(); j=json.loads(t[:t.rindex("}")+1]); print("stored %d articles (%d near-duplicates linked), %d attributions in %.1f s: %.1f articles/s; store: %s" % (j["stored"], j["near_duplicates"], j["attributions"], j["seconds"], j["articles_per_second"], j["store"])); print(t[t.rindex("}")+1:].strip())'
    echo "## $engine: query latency (warm, in process; load average: $(cut -d" " -f1-3 /proc/loadavg))"
    $harness query --db "$db" --runs 50
  done
} | tee "$out"
runuser -u postgres -- "$psql_bin" -h 127.0.0.1 -p 55433 -U postgres -d ascribe_test -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
rm -rf "$work"
