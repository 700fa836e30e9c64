#!/usr/bin/env bash
# Compile cost of the generated full-corpus crate against the naive derive
# crate of ../shared/tools/perf (the yardstick), in one run:
#   (a) each model crate alone, dependencies already built (debug);
#   (b) a consumer that deserializes every model, its model crate already
#       built (debug and release).
# Needs ../shared. Writes everything under target/perf; prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
corpus=$shared/corpus/conductorone-python-0.14.8
[ -d "$corpus" ] || { echo "compile-cost: $corpus not found" >&2; exit 1; }
perf=target/perf
mkdir -p "$perf"

cargo build -q -p codegen
./target/debug/codegen overlay --openapi "$corpus/openapi.yaml" --spec "$corpus/docs" --out "$perf/overlay.toml"
./target/debug/codegen generate --spec "$corpus/docs" --overlay "$perf/overlay.toml" \
  --out "$perf/generated" --crate-name corpus-models 2>/dev/null
rm -rf "$perf/naive"
python3 "$shared/tools/perf/naive_derive_crate.py" "$perf/naive" --derive full --layout split >/dev/null
python3 perf/consumers.py "$perf"
cat > "$perf/Cargo.toml" <<TOML
[workspace]
resolver = "2"
members = ["generated", "naive", "consumer-generated", "consumer-naive"]
TOML
cp Cargo.lock "$perf/Cargo.lock"
export CARGO_TARGET_DIR=$perf/target CARGO_INCREMENTAL=0
manifest=$perf/Cargo.toml

# Warm every dependency in both profiles.
cargo build -q --manifest-path "$manifest" --workspace
cargo build -q --manifest-path "$manifest" --workspace --release

seconds() { # seconds PROFILE_FLAG PACKAGE FILE_TO_TOUCH
  touch "$3"
  local start=$EPOCHREALTIME
  cargo build -q --manifest-path "$manifest" $1 -p "$2"
  python3 -c "print(round($EPOCHREALTIME - $start, 2))"
}

gen_alone=$(seconds "" corpus-models "$perf/generated/src/lib.rs")
naive_alone=$(seconds "" c1models "$perf/naive/src/lib.rs")
gen_consumer=$(seconds "" consumer-generated "$perf/consumer-generated/src/main.rs")
naive_consumer=$(seconds "" consumer-naive "$perf/consumer-naive/src/main.rs")
# The touches above made the model crates stale in release: rebuild them
# first, so that only the consumers are timed.
cargo build -q --manifest-path "$manifest" --workspace --release
gen_consumer_rel=$(seconds --release consumer-generated "$perf/consumer-generated/src/main.rs")
naive_consumer_rel=$(seconds --release consumer-naive "$perf/consumer-naive/src/main.rs")

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
printf '%-36s %10s %10s %7s %7s\n' what generated naive ratio budget
printf '%-36s %9.1fs %9.1fs %7s %7s\n' "model crate alone (debug)" "$gen_alone" "$naive_alone" "$(ratio "$gen_alone" "$naive_alone")" 1.00
printf '%-36s %9.1fs %9.1fs %7s %7s\n' "consumer of every model (debug)" "$gen_consumer" "$naive_consumer" "$(ratio "$gen_consumer" "$naive_consumer")" 0.25
printf '%-36s %9.1fs %9.1fs %7s %7s\n' "consumer of every model (release)" "$gen_consumer_rel" "$naive_consumer_rel" "$(ratio "$gen_consumer_rel" "$naive_consumer_rel")" 0.25
