#!/usr/bin/env bash
# Lighthouse scores (mobile) of the home, results and course pages of the real server on the
# demo catalogue, with Debian's Chromium. Lighthouse 12.2.3 (runs on Node 20) is fetched by npx
# from the npm registry on first use; it is a measuring tool, not a dependency of the product.
# Usage: bench/lighthouse_bench.sh PATH/TO/tremplin
set -euo pipefail
bin=${1:?usage: lighthouse_bench.sh path/to/tremplin}
cd "$(dirname "$0")/.."
[ -x /usr/bin/chromium ] || { echo "chromium is missing: run scripts/install-deps.sh"; exit 1; }
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
"$bin" geo build --out "$dir/coords.csv" 2>/dev/null
"$bin" --database "sqlite:$dir/db" --communes-csv "$dir/coords.csv" seed --demo 2>/dev/null
"$bin" --database "sqlite:$dir/db" --communes-csv "$dir/coords.csv" serve --port 0 2>"$dir/log" &
pid=$!
for _ in $(seq 100); do grep -q "serving on" "$dir/log" && break; sleep 0.1; done
port=$(sed -n 's|.*serving on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/log")
base="http://127.0.0.1:$port"
course=$(curl -s "$base/api/v1/courses?per_page=1" | sed -n 's/.*"results":\[{"id":\([0-9]*\).*/\1/p')
echo "Lighthouse 12.2.3, mobile form factor, Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), demo catalogue"
printf '%-44s %5s %5s %5s %5s\n' page perf a11y bp seo
for path in "/" "/formations" "/formations?q=d%C3%A9veloppeur&where=Paris" "/formations/$course"; do
  CHROME_PATH=/usr/bin/chromium npx --yes lighthouse@12.2.3 "$base$path" --quiet --form-factor=mobile \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless --no-sandbox --disable-gpu" --output=json --output-path="$dir/lh.json" >/dev/null 2>&1
  node -e '
    const r = require(process.argv[1]).categories;
    const s = k => Math.round(r[k].score * 100);
    console.log(process.argv[2].padEnd(44), ...["performance","accessibility","best-practices","seo"].map(k => String(s(k)).padStart(5)));
  ' "$dir/lh.json" "$path"
done
