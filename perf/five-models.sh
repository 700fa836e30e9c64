#!/usr/bin/env bash
# What a consumer of five models pays against one of the whole crate, on
# the biggest corpus (airbyte, 3,067 docs), in one run: the crate is
# generated with the overlay derived from its OpenAPI document; one consumer
# turns off the default features and turns on those of five models, the
# other takes the defaults (every model); both run the same code. Each build
# (debug, dependencies already built, the model crate touched so that it is
# compiled again) is timed ROUNDS times (default 3), the two sides
# alternating; prints medians and their ratio. Needs ../shared; writes under
# target/perf/five (raw times in target/perf/five/five-models.log).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
corpus=$shared/corpus/airbyte-python-1.0.2
[ -d "$corpus" ] || { echo "five-models: $corpus not found" >&2; exit 1; }
perf=target/perf/five
mkdir -p "$perf"
models=${MODELS:-SourceAirtable DestinationPostgres ConnectionResponse JobResponse WorkspaceResponse}

cargo build -q -p codegen
./target/debug/codegen overlay --openapi "$corpus/openapi.yaml" --spec "$corpus/docs" --out "$perf/overlay.toml" 2>/dev/null
rm -rf "$perf/generated"
./target/debug/codegen generate --spec "$corpus/docs" --overlay "$perf/overlay.toml" \
  --out "$perf/generated" --crate-name airbyte-models 2>/dev/null

# The features of the five models, from the crate's record of its API.
features=$(python3 - "$perf/generated/api.json" $models <<'PY'
import json, sys
api = {m["key"]: m for m in json.load(open(sys.argv[1]))["models"]}
print(", ".join(sorted({'"%s"' % api[k]["feature"] for k in sys.argv[2:]})))
PY
)
calls=""
for m in $models; do
  calls="$calls    println!(\"{}\", airbyte_models::$m::from_json_str(\"{}\").is_ok());
"
done
for side in five full; do
  mkdir -p "$perf/consumer-$side/src"
  if [ "$side" = five ]; then
    dep="airbyte-models = { path = \"../generated\", default-features = false, features = [$features] }"
  else
    dep="airbyte-models = { path = \"../generated\" }"
  fi
  cat > "$perf/consumer-$side/Cargo.toml" <<TOML
[package]
name = "consumer-$side"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
$dep
TOML
  printf 'fn main() {\n%s}\n' "$calls" > "$perf/consumer-$side/src/main.rs"
done
cat > "$perf/Cargo.toml" <<TOML
[workspace]
resolver = "2"
members = ["consumer-five", "consumer-full"]
TOML
cp Cargo.lock "$perf/Cargo.lock"
export CARGO_TARGET_DIR=$perf/target CARGO_INCREMENTAL=0
manifest=$perf/Cargo.toml

# Warm the dependencies and both feature sets of the model crate.
cargo build -q --manifest-path "$manifest" -p consumer-five
cargo build -q --manifest-path "$manifest" -p consumer-full

seconds() { # seconds PACKAGE
  touch "$perf/generated/src/lib.rs"
  local start=$EPOCHREALTIME
  cargo build -q --manifest-path "$manifest" -p "$1"
  python3 -c "print(round($EPOCHREALTIME - $start, 2))"
}

rounds=${ROUNDS:-3}
log=$perf/five-models.log
: > "$log"
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then sides="five full"; else sides="full five"; fi
  for side in $sides; do
    echo "$round $side $(seconds "consumer-$side")" >> "$log"
  done
done

python3 - "$log" "$perf/generated/api.json" $models <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    _, side, secs = line.split()
    runs.setdefault(side, []).append(float(secs))
api = json.load(open(sys.argv[2]))["models"]
by_feature = {}
for m in api:
    by_feature.setdefault(m["feature"], []).append(m["key"])
five = statistics.median(runs["five"])
full = statistics.median(runs["full"])
print(f"models: {' '.join(sys.argv[3:])}")
print(f"crate: {len(api)} models in {len(by_feature)} features")
print(f"five models' features and what they enable: see {sys.argv[2]}")
print(f"| build (debug, deps built) | median s | runs |")
print(f"| --- | ---: | --- |")
print(f"| five models | {five:.1f} | {runs['five']} |")
print(f"| whole crate | {full:.1f} | {runs['full']} |")
print(f"ratio five/whole: {five / full:.2f}")
PY
