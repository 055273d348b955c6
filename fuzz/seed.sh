#!/usr/bin/env bash
# Fills fuzz/corpus/bytes with the seed corpus: the small (< 50 kB) specs of
# ../shared/specs (see its INDEX.md) and the hand-written seeds in fuzz/seeds.
# Usage: bash fuzz/seed.sh   (from the repository root or from fuzz/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
specs="${SPECS:-$here/../../shared/specs}"
out="$here/corpus/bytes"
mkdir -p "$out" "$here/corpus/structured"
cp "$here"/seeds/* "$out"/
if [ -d "$specs" ]; then
  for f in "$specs"/*.json "$specs"/*.yaml; do
    [ -f "$f" ] || continue
    if [ "$(stat -c %s "$f")" -lt 51200 ]; then
      cp "$f" "$out/"
    fi
  done
else
  echo "seed.sh: $specs not found; using fuzz/seeds only" >&2
fi
ls "$out" | wc -l | xargs echo "seed.sh: files in corpus/bytes:"
