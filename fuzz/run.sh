#!/bin/sh
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 15), starting from
# the seeds in fuzz/corpus/<target>/ (new inputs go to build-fuzz/corpus/, the repository's
# seeds are left alone).  Exits non-zero when any target finds a crash, a leak, undefined
# behaviour or a broken property; the reproducer is left in build-fuzz/artifacts/<target>/.
#
#   fuzz/run.sh 15              # CI: a short bounded run of every target
#   fuzz/run.sh 600 router      # a longer run of one target
set -eu
SECONDS_PER_TARGET=${1:-15}
shift 2>/dev/null || true
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${FUZZ_BUILD:-$ROOT/build-fuzz}

if [ ! -f "$BUILD/build.ninja" ]; then
	CC=clang meson setup "$BUILD" "$ROOT" -Dfuzz=true -Dbuildtype=debugoptimized >/dev/null
fi
ninja -C "$BUILD" >/dev/null

if [ $# -gt 0 ]; then
	TARGETS="$*"
else
	TARGETS=$(cd "$BUILD/fuzz" && ls fuzz_* | sed -n 's/^fuzz_\([a-z_]*\)$/\1/p')
fi

status=0
for t in $TARGETS; do
	corpus="$BUILD/corpus/$t"
	artifacts="$BUILD/artifacts/$t"
	mkdir -p "$corpus" "$artifacts"
	seeds="$ROOT/fuzz/corpus/$t"
	[ -d "$seeds" ] || seeds=""
	echo "== fuzz_$t for ${SECONDS_PER_TARGET}s"
	dict=""
	[ -f "$ROOT/fuzz/$t.dict" ] && dict="-dict=$ROOT/fuzz/$t.dict"
	if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$BUILD/fuzz/fuzz_$t" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$artifacts/" $dict "$corpus" $seeds 2>"$BUILD/fuzz_$t.log"; then
		echo "fuzz_$t: FINDING, see $BUILD/fuzz_$t.log and $artifacts/" >&2
		tail -n 40 "$BUILD/fuzz_$t.log" >&2
		status=1
	fi
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' \
		"$BUILD/fuzz_$t.log" | sed "s/^/  /" || true
done
exit $status
