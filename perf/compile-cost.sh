#!/usr/bin/env bash
# Compile cost of the generated full-corpus crate against the naive derive
# crate of ../shared/tools/perf (the yardstick), in one run:
#   (a) each model crate alone, dependencies already built (debug);
#   (b) a consumer that deserializes every model, its model crate already
#       built (debug and release).
# Each is timed ROUNDS times (default 3), the two sides alternating; the
# table gives medians. Needs ../shared. Writes everything under target/perf
# (the raw times in target/perf/compile-cost.log); prints a table. Run it on
# an otherwise idle machine: it takes ~15 minutes on 2 cores.
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

# ROUNDS rounds (default 3), the order of the two sides alternating, so
# that a slow spell of the machine lands on both; the table gives each
# figure's median, and the ratio of the medians.
rounds=${ROUNDS:-3}
log=$perf/compile-cost.log
: > "$log"
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then sides="generated naive"; else sides="naive generated"; fi
  for side in $sides; do
    if [ "$side" = generated ]; then
      echo "$round alone generated $(seconds "" corpus-models "$perf/generated/src/lib.rs")" >> "$log"
    else
      echo "$round alone naive $(seconds "" c1models "$perf/naive/src/lib.rs")" >> "$log"
    fi
  done
  for side in $sides; do
    echo "$round consumer-debug $side $(seconds "" "consumer-$side" "$perf/consumer-$side/src/main.rs")" >> "$log"
  done
done
# The touches above made the model crates stale in release: rebuild them
# first, so that only the consumers are timed.
cargo build -q --manifest-path "$manifest" --workspace --release
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then sides="generated naive"; else sides="naive generated"; fi
  for side in $sides; do
    echo "$round consumer-release $side $(seconds --release "consumer-$side" "$perf/consumer-$side/src/main.rs")" >> "$log"
  done
done

python3 - "$log" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    _, what, side, secs = line.split()
    runs.setdefault((what, side), []).append(float(secs))
rows = [("alone", "model crate alone (debug)", 1.00),
        ("consumer-debug", "consumer of every model (debug)", 0.25),
        ("consumer-release", "consumer of every model (release)", 0.25)]
print(f"{'what':36} {'generated':>10} {'naive':>10} {'ratio':>7} {'budget':>7}  per-round ratios")
for key, label, budget in rows:
    g, n = runs[(key, "generated")], runs[(key, "naive")]
    per_round = " ".join(f"{a / b:.2f}" for a, b in zip(g, n))
    gm, nm = statistics.median(g), statistics.median(n)
    print(f"{label:36} {gm:9.1f}s {nm:9.1f}s {gm / nm:7.2f} {budget:7.2f}  {per_round}")
PY
