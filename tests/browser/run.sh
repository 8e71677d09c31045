#!/bin/sh
# The demo VB 2021 report in a real browser (see report.mjs): starts `folja serve --demo`,
# saves the report's HTML, and has Debian's chromium check it with axe-core, print it to PDF
# and take screenshots, all written to BUILD_DIR (report-vb2021.html, .pdf, report-page1.png,
# report-chart.png, report-vb2021-risker.png).  Then the same for the Haninge tertial report
# T1 2017, the demo report with the most register and statistics sections
# (report-t1-2017.html, .pdf, report-t1-2017-SECTION.png).  The npm packages (axe-core, puppeteer-core, pinned by the lock file here)
# are installed with `npm ci` into a cache under BUILD_DIR.  Skipped (exit 77) with a line
# saying why where chromium, node or the packages cannot be had.
#
#   tests/browser/run.sh FOLJA_BINARY BUILD_DIR
set -eu
folja=$1
build=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

skip() { echo "SKIP: $*"; exit 77; }

chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || skip "no chromium (Debian package chromium) on this machine"
command -v node >/dev/null || skip "no node (Debian package nodejs) on this machine"
command -v npm >/dev/null || skip "no npm (Debian package npm) on this machine"
command -v curl >/dev/null || skip "no curl on this machine"

# npm ci into the cache, again only when the lock file changed
cache=$build/browser-node
if ! cmp -s "$here/package-lock.json" "$cache/package-lock.json" 2>/dev/null ||
   [ ! -d "$cache/node_modules/puppeteer-core" ]; then
	mkdir -p "$cache"
	cp "$here/package.json" "$here/package-lock.json" "$cache/"
	(cd "$cache" && npm ci --no-audit --no-fund --ignore-scripts >npm.log 2>&1) ||
		skip "npm ci could not install axe-core and puppeteer-core (offline?): $(tail -n 3 "$cache/npm.log" | tr '\n' ' ')"
fi
cp "$here/report.mjs" "$cache/report.mjs"

tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$folja" serve --db "$tmp/t.db" --listen "127.0.0.1:$port" --demo --quiet 2>"$tmp/serve.log" &
pid=$!
token=
for _ in $(seq 100); do
	curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
	sleep 0.1
done
token=$("$folja" token create --role reader --db "$tmp/t.db")
# the demo's reports in order: Haninge T1 2017, Tyresö delår 2017, VB 2018, VB 2021 (the draft)
curl -sf -H "Authorization: Bearer $token" \
	"http://127.0.0.1:$port/api/v1/reports/4?format=html" >"$build/report-vb2021.html" ||
	{ cat "$tmp/serve.log"; echo "FAIL: the report's HTML could not be fetched"; exit 1; }

curl -sf -H "Authorization: Bearer $token" \
	"http://127.0.0.1:$port/api/v1/reports/1?format=html" >"$build/report-t1-2017.html" ||
	{ cat "$tmp/serve.log"; echo "FAIL: the T1 report's HTML could not be fetched"; exit 1; }

set +e
node "$cache/report.mjs" "$chromium" "$build/report-vb2021.html" "$build" \
	>"$build/report-browser.json"
rc=$?
cat "$build/report-browser.json"
node "$cache/report.mjs" "$chromium" "$build/report-t1-2017.html" "$build" t1-2017 1 \
	intern_kontroll,sjukfranvaro,risker,investeringar,forsorjningsstod,tillbud,synpunkter \
	>"$build/report-browser-t1.json"
[ $? -eq 0 ] || rc=1
cat "$build/report-browser-t1.json"

# The printed pages themselves as pictures (poppler-utils): page 1 and the page with the
# budget deviation chart.
if [ $rc -eq 0 ] && command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null; then
	pdf=$build/report-vb2021.pdf
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	chart=1
	for p in $(seq 1 "${pages:-1}"); do
		pdftotext -f "$p" -l "$p" "$pdf" - | grep -q "Avvikelse mot budget per verksamhet" &&
			{ chart=$p; break; }
	done
	pdftoppm -r 110 -png -singlefile -f 1 -l 1 "$pdf" "$build/report-pdf-page1"
	pdftoppm -r 110 -png -singlefile -f "$chart" -l "$chart" "$pdf" "$build/report-pdf-chart-page"
	echo "pdf: $pages pages; page 1 and page $chart (the chart page) in $build/report-pdf-*.png"
	# and the printed page of the T1 report where the incidents' table is
	pdf=$build/report-t1-2017.pdf
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	reg=1
	for p in $(seq 1 "${pages:-1}"); do
		pdftotext -f "$p" -l "$p" "$pdf" - | grep -q "arbetsmiljöhändelser som rapporterades" &&
			{ reg=$p; break; }
	done
	pdftoppm -r 110 -png -singlefile -f "$reg" -l "$reg" "$pdf" "$build/report-pdf-t1-registers"
	echo "pdf (T1 2017): $pages pages; page $reg (incidents, complaints) in $build/report-pdf-t1-registers.png"
fi
exit $rc
