#!/usr/bin/env bash
# Runs this generator and two peer generators on the same OpenAPI documents
# and prints one Markdown table: for each spec and each generator, the
# wall-clock time of the generation and whether it succeeded (on failure, the
# exit status and the first error line).
#
#   scripts/compare-peers.sh [--compile] [--runs N] [SPEC...]
#
# SPEC is a path, or a file name in ../shared/specs (SPECS_DIR overrides).
# Without SPEC, a representative set is used (see DEFAULT_SPECS).
#
# The peers are installed into .tools/ on first use:
#   - progenitor (Oxide):   cargo install --root .tools/cargo cargo-progenitor
#   - openapi-generator:    pip install --target .tools/pip openapi-generator-cli
#                           (the PyPI package bundles the Java jar; needs java)
# Set PROGENITOR_VERSION / OPENAPI_GENERATOR_VERSION to pin other versions
# (an installed tool is kept as it is: delete .tools/ to reinstall).
#
# --runs N generates each crate N times and reports the median time (for an
# even N, the lower of the two middle ones), with the fastest and slowest in
# brackets. A generation that fails is not repeated. The default is 1.
#
# --compile also runs `cargo check` (RUSTFLAGS="-D warnings") on every crate
# that was generated, and adds a column per generator. A crate that fails is
# checked again with warnings allowed, to tell lint errors from hard errors.
# Each generator's crates share one cargo target directory,
# target/peers/<generator>/target, so the first check of each column also
# compiles that generator's dependencies.
#
# Everything is written under target/peers/: <generator>/<spec>/crate is the
# generated crate, <generator>/<spec>/Cargo.toml a one-member workspace around
# it (so that cargo does not take it for a member of this workspace), and
# logs/ the output of every step. Each step runs under `timeout`
# (STEP_TIMEOUT seconds, default 1800). A failing step is recorded in the
# table and never stops the run.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=$ROOT/.tools
WORK=$ROOT/target/peers
SPECS_DIR=$(realpath -m "${SPECS_DIR:-$ROOT/../shared/specs}")
STEP_TIMEOUT=${STEP_TIMEOUT:-1800}
PROGENITOR_VERSION=${PROGENITOR_VERSION:-0.15.1}
OPENAPI_GENERATOR_VERSION=${OPENAPI_GENERATOR_VERSION:-7.26.0}

DEFAULT_SPECS=(
    oai-petstore.yaml
    progenitor-keeper.json
    progenitor-nexus.json
    apisguru-jira.json
    apisguru-stripe.json
    github-api.github.com.json
)
GENERATORS=(ours progenitor openapi-generator)

log() { printf '%s\n' "$*" >&2; }

usage() {
    # The comment at the top of this file.
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

# ---------------------------------------------------------------- arguments

COMPILE=0
RUNS=1
SPECS=()
while (($#)); do
    case $1 in
        --compile) COMPILE=1 ;;
        --runs)
            [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { log "--runs needs a positive count"; exit 2; }
            RUNS=$2
            shift
            ;;
        -h | --help) usage; exit 0 ;;
        -*) log "unknown option: $1"; usage >&2; exit 2 ;;
        *) SPECS+=("$1") ;;
    esac
    shift
done
((${#SPECS[@]})) || SPECS=("${DEFAULT_SPECS[@]}")

resolve_spec() {
    if [[ -f $1 ]]; then
        realpath "$1"
    elif [[ -f $SPECS_DIR/$1 ]]; then
        realpath "$SPECS_DIR/$1"
    else
        return 1
    fi
}

# ---------------------------------------------------------------- tools

# A tool that fails to install or build is reported here, and its column then
# records the failure of each run: the table is still printed.
install_peers() {
    if [[ ! -x $TOOLS/cargo/bin/cargo-progenitor ]]; then
        log "installing cargo-progenitor $PROGENITOR_VERSION into .tools/cargo (takes minutes)"
        cargo install --locked --root "$TOOLS/cargo" cargo-progenitor --version "$PROGENITOR_VERSION" >&2 ||
            log "warning: cargo-progenitor did not install"
    fi
    if [[ ! -f $TOOLS/pip/openapi_generator_cli/__init__.py ]]; then
        log "installing openapi-generator-cli $OPENAPI_GENERATOR_VERSION into .tools/pip"
        python3 -m pip install --quiet --disable-pip-version-check --target "$TOOLS/pip" \
            "openapi-generator-cli==$OPENAPI_GENERATOR_VERSION" >&2 ||
            log "warning: openapi-generator-cli did not install"
    fi
    log "building xtask (release)"
    (cd "$ROOT" && cargo build --release --quiet -p xtask) >&2 || log "warning: xtask did not build"
}

# The peers' command lines, as commands that `timeout` can run.
OPENAPI_GENERATOR=(env "PYTHONPATH=$TOOLS/pip${PYTHONPATH:+:$PYTHONPATH}" python3 -c
    'import sys; from openapi_generator_cli import cli; sys.argv[0] = "openapi-generator-cli"; sys.exit(cli())')
PROGENITOR=(env "PATH=$TOOLS/cargo/bin:$PATH" cargo progenitor)

tool_versions() {
    local ours progenitor_v oag_v
    ours=$(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo unknown)
    progenitor_v=$(cargo install --list --root "$TOOLS/cargo" | sed -n 's/^\(cargo-progenitor v[^:]*\):$/\1/p' || true)
    oag_v=$("${OPENAPI_GENERATOR[@]}" version 2>/dev/null | tail -n1 || echo unknown)
    printf 'ours: xtask at %s; progenitor: %s; openapi-generator: %s (%s); %s; %s\n' \
        "$ours" "$progenitor_v" "$oag_v" \
        "$(java -version 2>&1 | head -n1)" "$(rustc --version)" "$(cargo --version)"
}

# ---------------------------------------------------------------- steps

# run_step LOG CMD...: runs CMD under `timeout`, output to LOG; sets STEP_RC
# (its exit status) and STEP_SECS (wall-clock seconds).
run_step() {
    local log_file=$1 start end
    shift
    start=$EPOCHREALTIME
    if timeout --kill-after=30 "$STEP_TIMEOUT" "$@" >"$log_file" 2>&1 </dev/null; then
        STEP_RC=0
    else
        STEP_RC=$?
    fi
    end=$EPOCHREALTIME
    STEP_SECS=$(awk -v a="$start" -v b="$end" 'BEGIN { d = b - a; printf (d < 1 ? "%.3f" : (d < 100 ? "%.2f" : "%.0f")), d }')
}

# One line of LOG that says what went wrong, fit for a table cell.
first_error_line() {
    local log_file=$1 line="" pattern
    # The most telling lines first: a panic (and its message, on the next
    # line), a Java exception, an error; else the last line of the log.
    for pattern in 'panicked at' 'Exception' 'gen fail' '(^|: )error(\[E[0-9]+\])?:' '^error' 'error' 'fail'; do
        line=$(grep -m1 -iE -A1 -- "$pattern" "$log_file" || true)
        [[ -n $line ]] && break
    done
    if [[ $line == *'panicked at'* ]]; then
        line=${line//$'\n'/ }
    else
        line=${line%%$'\n'*}
    fi
    [[ -n $line ]] || line=$(grep -v '^[[:space:]]*$' "$log_file" | tail -n1 || true)
    line=$(printf '%s' "$line" | sed -e 's/\x1b\[[0-9;]*m//g' -e 's/[[:space:]]\+/ /g' -e 's/^ //' \
        -e "s/^thread '[^']*' ([0-9]*) //" -e 's#[^ ]*/registry/src/[^/]*/##g')
    line=${line//"$ROOT/"/}
    line=${line//"$SPECS_DIR/"/}
    ((${#line} <= 160)) || line="${line:0:157}..."
    line=${line//|/\\|}
    line=${line//\`/\'}
    printf '%s' "$line"
}

# describe LOG: the cell text for the last generation (STEP_SECS holds its
# time and unit), whose output is LOG.
# shellcheck disable=SC2016 # the backquotes are Markdown
describe() {
    local log_file=$1
    case $STEP_RC in
        0) printf '%s, ok' "$STEP_SECS" ;;
        124 | 137) printf '%s, **timeout** (%s s)' "$STEP_SECS" "$STEP_TIMEOUT" ;;
        *) printf '%s, **exit %s**: `%s`' "$STEP_SECS" "$STEP_RC" "$(first_error_line "$log_file")" ;;
    esac
}

crate_name() {
    local name=${1,,}
    name=${name//[^a-z0-9]/-}
    printf '%s' "$name"
}

# generate GENERATOR SPEC_PATH STEM: writes the crate to $WORK/GEN/STEM/crate
# (RUNS times, each into an empty directory, the time being the median) and
# sets CELL and GENERATED.
generate() {
    local gen=$1 spec=$2 stem=$3
    local dir=$WORK/$gen/$stem log_file=$WORK/logs/$stem.$gen.generate.log
    local run times=()
    for ((run = 1; run <= RUNS; run++)); do
        rm -rf "$dir"
        mkdir -p "$dir"
        case $gen in
            ours)
                run_step "$log_file" "$ROOT/target/release/xtask" codegen --spec "$spec" --out "$dir/crate" ;;
            progenitor)
                run_step "$log_file" "${PROGENITOR[@]}" -i "$spec" -o "$dir/crate" -n "$(crate_name "$stem")" -v 0.1.0 ;;
            openapi-generator)
                run_step "$log_file" "${OPENAPI_GENERATOR[@]}" generate -i "$spec" -g rust --library reqwest -o "$dir/crate" ;;
        esac
        times+=("$STEP_SECS")
        ((STEP_RC == 0)) || break # a failure is not repeated
    done
    if ((${#times[@]} > 1)); then # "median (fastest-slowest)"
        STEP_SECS=$(printf '%s\n' "${times[@]}" | sort -g |
            awk '{ t[NR] = $1 } END { printf "%s s (%s-%s)", t[int((NR + 1) / 2)], t[1], t[NR] }')
    else
        STEP_SECS+=" s"
    fi
    CELL=$(describe "$log_file")
    if ((STEP_RC == 0)) && [[ ! -f $dir/crate/Cargo.toml ]]; then
        CELL="$STEP_SECS, exit 0 but **no Cargo.toml**"
        STEP_RC=1
    fi
    GENERATED=$((STEP_RC == 0))
}

# plural COUNT NOUN: "1 error", "2 errors".
plural() {
    if (($1 == 1)); then printf '%s %s' "$1" "$2"; else printf '%s %ss' "$1" "$2"; fi
}

# check GENERATOR STEM: `cargo check` with warnings denied; sets CELL. When
# that fails, checks again with warnings allowed (in a target directory of its
# own, so that neither run invalidates the other's build of the dependencies),
# to tell a crate that only trips lints from one that does not compile.
check() {
    local gen=$1 stem=$2
    local dir=$WORK/$gen/$stem log_file=$WORK/logs/$stem.$gen.check.log
    local allowed_log=$WORK/logs/$stem.$gen.check-warnings-allowed.log
    local secs count first warnings
    printf '[workspace]\nresolver = "2"\nmembers = ["crate"]\n' >"$dir/Cargo.toml"
    run_step "$log_file" env CARGO_TARGET_DIR="$WORK/$gen/target" RUSTFLAGS="-D warnings" \
        cargo check --manifest-path "$dir/Cargo.toml" --message-format=short
    secs=$STEP_SECS
    if ((STEP_RC == 0)); then
        CELL="$secs s, compiles"
        return
    elif ((STEP_RC == 124 || STEP_RC == 137)); then
        CELL="$secs s, **timeout** ($STEP_TIMEOUT s)"
        return
    fi
    count=$(grep -oE 'due to [0-9]+ previous errors?' "$log_file" | grep -oE '[0-9]+' | head -n1 || true)
    first=$(first_error_line "$log_file")
    run_step "$allowed_log" env CARGO_TARGET_DIR="$WORK/$gen/target-warnings-allowed" RUSTFLAGS= \
        cargo check --manifest-path "$dir/Cargo.toml" --message-format=short
    if ((STEP_RC == 0)); then
        warnings=$(grep -oE 'generated [0-9]+ warnings?' "$allowed_log" | grep -oE '[0-9]+' | head -n1 || true)
        CELL="$secs s, **fails with warnings denied**${count:+ ($(plural "$count" error))}; compiles with ${warnings:-some} warnings allowed: \`$first\`"
    else
        CELL="$secs s, **does not compile**${count:+ ($(plural "$count" error))}: \`$first\`"
    fi
}

# ---------------------------------------------------------------- main

cd "$ROOT"
mkdir -p "$WORK/logs"
install_peers
VERSIONS=$(tool_versions)
log "$VERSIONS"
log "load before: $(uptime)"

header="| spec | ours | progenitor | openapi-generator |"
rule="|---|---|---|---|"
if ((COMPILE)); then
    header+=" ours: cargo check | progenitor: cargo check | openapi-generator: cargo check |"
    rule+="---|---|---|"
fi
ROWS=()
for spec_arg in "${SPECS[@]}"; do
    name=$(basename "$spec_arg")
    if ! spec=$(resolve_spec "$spec_arg"); then
        row="| \`$name\` | not found | not found | not found |"
        ((COMPILE)) && row+=" | | |"
        ROWS+=("$row")
        continue
    fi
    stem=${name%.*}
    row="| \`$name\` |"
    checks=""
    for gen in "${GENERATORS[@]}"; do
        log "$name: $gen generating"
        generate "$gen" "$spec" "$stem"
        log "  $CELL"
        row+=" $CELL |"
        if ((COMPILE)); then
            if ((GENERATED)); then
                log "$name: $gen cargo check"
                check "$gen" "$stem"
                log "  $CELL"
                checks+=" $CELL |"
            else
                checks+=" not generated |"
            fi
        fi
    done
    ROWS+=("$row$checks")
done

log "load after: $(uptime)"
{
    printf '%s\n%s\n' "$header" "$rule"
    printf '%s\n' "${ROWS[@]}"
} | tee "$WORK/table.md"
log "table also written to target/peers/table.md; logs in target/peers/logs/"
