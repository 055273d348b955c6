#!/bin/sh
# The per-call cost and the compile time of the SendKit client with and without
# its `tracing` feature (tests/tracing-overhead): instructions per call counted
# by callgrind (the difference of 1200 and 200 calls, so setup cancels out),
# the wall-clock median of each build, and the release build time of the crate
# and the program (dependencies built first). Usage: scripts/tracing-overhead.sh
set -eu
cd "$(dirname "$0")/../tests/tracing-overhead"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build -q --release && cp "$CARGO_TARGET_DIR/release/tracing-overhead" "$CARGO_TARGET_DIR/off"
cargo build -q --release --features tracing && cp "$CARGO_TARGET_DIR/release/tracing-overhead" "$CARGO_TARGET_DIR/on"
for build in off on; do
    for calls in 200 1200; do
        WARMUP=$calls ONLY_WARMUP=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            "$CARGO_TARGET_DIR/$build" 2>&1 | sed -n "s/.*Collected : \([0-9]*\)/\1/p" >"$CARGO_TARGET_DIR/ir.$build.$calls"
    done
    echo "tracing $build: $(( ($(cat "$CARGO_TARGET_DIR/ir.$build.1200") - $(cat "$CARGO_TARGET_DIR/ir.$build.200")) / 1000 )) instructions per call (client and server)"
done
"$CARGO_TARGET_DIR/off"; "$CARGO_TARGET_DIR/on"
for build in off on off on; do
    features=""; [ "$build" = on ] && features="--features tracing"
    cargo clean -q --release -p sendkit -p tracing-overhead
    started=$(date +%s%N)
    cargo build -q --release $features
    echo "release build of sendkit and the program, tracing $build: $(( ($(date +%s%N) - started) / 1000000 )) ms"
done
