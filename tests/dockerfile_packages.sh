#!/bin/sh
# Every package the Dockerfile installs must exist in Debian bookworm (the base of both its
# stages): a misspelt or removed name would only show when the image is built, which CI does
# not do (there is no container engine).  Asks apt-cache on this Debian machine; skips (exit
# 77) where there is no bookworm apt cache to ask.
set -eu
dockerfile=${1:?usage: dockerfile_packages.sh DOCKERFILE}
grep -q '^FROM debian:bookworm' "$dockerfile" || { echo "the Dockerfile is not based on bookworm"; exit 1; }
if ! command -v apt-cache >/dev/null || ! grep -q 'bookworm' /etc/os-release ||
   [ -z "$(ls /var/lib/apt/lists/ 2>/dev/null | grep -v lock)" ]; then
	echo "no bookworm apt cache here; skipped"
	exit 77
fi
# The packages: the words after `apt-get install` up to the end of that RUN's line continuation.
pkgs=$(awk '/apt-get install/ {on=1} on {print} on && !/\\$/ {on=0}' "$dockerfile" |
	sed 's/.*apt-get install//; s/\\$//; s/&&.*//' | tr ' ' '\n' |
	grep -E '^[a-z0-9][a-z0-9.+-]+$' | sort -u)
[ -n "$pkgs" ] || { echo "no packages found in $dockerfile"; exit 1; }
# one apt-cache call for all: a package is there when its "Package:" stanza is
known=$(apt-cache show --no-all-versions $pkgs 2>/dev/null | sed -n 's/^Package: //p')
missing=0
for p in $pkgs; do
	if printf '%s\n' "$known" | grep -qx "$p"; then
		echo "ok   $p"
	else
		echo "MISSING $p"
		missing=1
	fi
done
exit $missing
