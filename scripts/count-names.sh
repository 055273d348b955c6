#!/usr/bin/env bash
# Counts the numbered names (`...Variant0`, `...Part1...`) in the crates generated
# from every spec of a corpus: per spec, the mentions and the distinct names, and
# the totals.
#
#   scripts/count-names.sh [GENERATOR] [SPECS_DIR] [OUT_DIR]
#
# GENERATOR defaults to target/debug/openapi-rust-generator (build it first:
# `cargo build -p openapi-rust-generator`), SPECS_DIR to ../shared/specs, OUT_DIR
# to a fresh temporary directory (removed at the end).
set -euo pipefail
generator=${1:-target/debug/openapi-rust-generator}
specs=${2:-../shared/specs}
out=${3:-}
if [[ -z $out ]]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi
pattern='\b[A-Za-z0-9_]*(Variant|Part)[0-9]+[A-Za-z0-9_]*\b'
total_mentions=0
total_names=0
printf '%-45s %9s %9s\n' spec mentions names
for spec in "$specs"/*.json "$specs"/*.yaml; do
    name=$(basename "$spec")
    name=${name%.*}
    dir="$out/$name"
    if ! "$generator" generate "$spec" --out "$dir" --force >/dev/null 2>&1; then
        printf '%-45s %9s\n' "$name" failed
        continue
    fi
    mentions=$(find "$dir/src" -name '*.rs' -exec cat {} + | grep -oE "$pattern" | wc -l || true)
    names=$(find "$dir/src" -name '*.rs' -exec cat {} + | grep -oE "$pattern" | sort -u | wc -l || true)
    printf '%-45s %9d %9d\n' "$name" "$mentions" "$names"
    total_mentions=$((total_mentions + mentions))
    total_names=$((total_names + names))
    rm -rf "$dir"
done
printf '%-45s %9d %9d\n' total "$total_mentions" "$total_names"
