#!/usr/bin/env bash
# Renders the sample article's HTML sourcing report and the corpus report in headless Chromium,
# saves screenshots and checks that the highlights, the sources panel, the flags and the charts
# render. Installs Debian's chromium when missing; builds the CLI when it is not built.
#
#   bash bench/html-screenshot.sh [OUT_DIR]      (default: /tmp/ascribe-html-screenshot)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/tmp/ascribe-html-screenshot}"
rm -rf "$out" && mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

cli="$root/src/Ascribe.Cli/bin/Release/net10.0/ascribe.dll"
if [ ! -f "$cli" ]; then
  dotnet build "$root/src/Ascribe.Cli" -c Release -v q
fi

fail() { echo "html-screenshot: FAIL: $*" >&2; exit 1; }

dotnet "$cli" analyze "$root/samples/putin-inner-circle.txt" --format html --out "$out/html" 2>/dev/null
# The corpus report needs outlets and dates: the sample under two outlets and months.
python3 - "$root/samples/putin-inner-circle.txt" "$out/articles.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], encoding='utf-8').read()
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    for i, (outlet, published) in enumerate([("Merkur", "2023-02-20"), ("Merkur", "2023-03-02"), ("Frankfurter Rundschau", "2023-03-05")]):
        f.write(json.dumps({"id": f"sample-{i}", "outlet": outlet, "published": published, "text": text}) + "\n")
PY
dotnet "$cli" analyze "$out/articles.jsonl" --out "$out/jsonl" 2>/dev/null
dotnet "$cli" report "$out/jsonl" --out "$out/report" >/dev/null
page="$out/html/putin-inner-circle.html"
[ -s "$page" ] || fail "no HTML page written"

chrome() {
  # No network, no profile, no first-run work: the pages must render from the file alone.
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --user-data-dir="$(mktemp -d)" "$@" 2>/dev/null
}

chrome --screenshot="$out/article.png" --window-size=1280,2000 "file://$page" >/dev/null
chrome --screenshot="$out/report.png" --window-size=1100,2400 "file://$out/report/report.html" >/dev/null
chrome --dump-dom "file://$page" > "$out/article.dom.html"
chrome --dump-dom "file://$out/report/report.html" > "$out/report.dom.html"

# The screenshots exist, have the requested size and are not blank (a blank page compresses to a few KB).
python3 - "$out/article.png" 1280 2000 "$out/report.png" 1100 2400 <<'PY'
import struct, sys, os
args = sys.argv[1:]
for path, w, h in zip(args[0::3], args[1::3], args[2::3]):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n':
        sys.exit(f"html-screenshot: FAIL: {path} is not a PNG")
    width, height = struct.unpack('>II', head[16:24])
    if (width, height) != (int(w), int(h)):
        sys.exit(f"html-screenshot: FAIL: {path} is {width}x{height}, expected {w}x{h}")
    size = os.path.getsize(path)
    if size < 60_000:
        sys.exit(f"html-screenshot: FAIL: {path} is only {size} bytes: blank page?")
    print(f"{os.path.basename(path)}: {width}x{height}, {size} bytes")
PY

count() { grep -o "$1" "$2" | wc -l; }
dom="$out/article.dom.html"
for needle in 'class="src sp' 'class="cue sp' 'class="content sp' 'id="sources"' '<tr class="source">' 'class="badge t-' 'id="flag-1"' 'href="#flag-1"' 'id="lead-claim"'; do
  n=$(count "$needle" "$dom")
  [ "$n" -gt 0 ] || fail "the rendered article has no $needle"
  echo "article: $n x $needle"

done
for code in anonymous-source truncated-attribution single-source-claim conflicting-reports; do
  grep -q "<code>$code</code>" "$dom" || fail "flag $code is not listed"
done
grep -qi '<script' "$dom" && fail "the rendered article contains a script element"
[ "$(count '<img class="chart"' "$out/report.dom.html")" -eq 3 ] || fail "the corpus report does not show three charts"
echo "html-screenshot: OK ($out/article.png, $out/report.png)"
