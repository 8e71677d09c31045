#!/bin/sh
# CORS as a browser sees it: headless Chromium (Debian's chromium) loads a page from a second
# origin that fetches /api/v1/units and a rollup from Följa with a bearer token and shows the
# figures.  From an origin on --cors-origin the figures appear; from any other the browser
# refuses the replies.  Skipped (77) where chromium is not installed.
#   browser_cors.sh FOLJA_BINARY
set -u
bin=${1:?usage: browser_cors.sh FOLJA_BINARY}
command -v chromium >/dev/null || { echo "chromium is not installed; skipped"; exit 77; }
dir=$(mktemp -d /tmp/folja-cors.XXXXXX)
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$dir"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
api=$(free_port); allowed=$(free_port); other=$(free_port)

"$bin" demo --db "$dir/c.db" >/dev/null 2>&1 || exit 1
token=$("$bin" token create --role reader --db "$dir/c.db") || exit 1
"$bin" serve --db "$dir/c.db" --listen "127.0.0.1:$api" --quiet \
	--cors-origin "http://127.0.0.1:$allowed" 2>"$dir/server.log" &
pids="$pids $!"
cat >"$dir/page.html" <<HTML
<!doctype html><html lang="sv"><head><title>CORS</title></head><body><pre id="out">pending</pre>
<script>
const api = "http://127.0.0.1:$api", auth = {headers: {Authorization: "Bearer $token"}};
Promise.all([
  fetch(api + "/api/v1/units?limit=3", auth).then(r => r.json()).then(j => "units=" + j.total),
  fetch(api + "/api/v1/budget/rollup?unit_id=3&period=2021", auth).then(r => r.json())
    .then(j => "outcome=" + j.root.outcome_period)
]).then(a => { document.getElementById("out").textContent = a.join(" "); },
        e => { document.getElementById("out").textContent = "refused " + e; });
</script></body></html>
HTML
(cd "$dir" && exec python3 -m http.server "$allowed" --bind 127.0.0.1 >/dev/null 2>&1) &
pids="$pids $!"
(cd "$dir" && exec python3 -m http.server "$other" --bind 127.0.0.1 >/dev/null 2>&1) &
pids="$pids $!"
sleep 1

shown() {  # the text the page shows when loaded from port $1
	timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$dir/profile-$1" --virtual-time-budget=8000 \
		--dump-dom "http://127.0.0.1:$1/page.html" 2>/dev/null |
		sed -n 's/.*<pre id="out">\([^<]*\)<.*/\1/p'
}
a=$(shown "$allowed"); b=$(shown "$other")
echo "allowed origin shows: $a"
echo "other origin shows:   $b"
case "$a" in "units="[0-9]*" outcome=-"[0-9]*) ;; *) echo "FAIL: the allowed origin got no figures"; exit 1;; esac
case "$b" in "refused "*) ;; *) echo "FAIL: another origin was not refused"; exit 1;; esac
echo "ok"
