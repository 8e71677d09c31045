#!/bin/sh
# The demo VB 2021 report's Markdown through pandoc into Word: `pandoc report.md -o
# report.docx` must give a readable document, with the report's headings as Word headings and
# its pipe tables as Word tables.  Written to BUILD_DIR (report-vb2021.md, .docx).  Skipped
# (exit 77) where pandoc is not installed (Debian package pandoc).
#
#   tests/pandoc_docx.sh FOLJA_BINARY BUILD_DIR
set -eu
folja=$1
build=$(cd "$2" && pwd)
command -v pandoc >/dev/null || { echo "SKIP: no pandoc (Debian package pandoc) on this machine"; exit 77; }
command -v curl >/dev/null || { echo "SKIP: no curl on this machine"; exit 77; }

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
for _ in $(seq 100); do
	curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
	sleep 0.1
done
token=$("$folja" token create --role reader --db "$tmp/t.db")
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/reports/4?format=md" \
	>"$build/report-vb2021.md"
rm -f "$build/report-vb2021.docx"
pandoc "$build/report-vb2021.md" -o "$build/report-vb2021.docx"

# the document: its title, a heading per section, the tables as tables, the figures in Swedish
python3 - "$build/report-vb2021.docx" <<'PY'
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    xml = z.read("word/document.xml").decode("utf-8")
text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
checks = {
    "the title": "Verksamhetsberättelse 2021" in text,
    "14 section headings": len(re.findall(r'w:pStyle w:val="Heading2"', xml)) == 14,
    "tables": xml.count("<w:tbl>") >= 8,
    "the result in Swedish numbers": "\u2212266\u202f815" in text,
    "the narrative": "Signs of Safety" in text,
}
bad = [k for k, ok in checks.items() if not ok]
print("docx: %d tables, %d bytes of text; %s" % (xml.count("<w:tbl>"), len(text),
      "ok" if not bad else "missing: " + ", ".join(bad)))
sys.exit(1 if bad else 0)
PY
