#!/usr/bin/env bash
# What the construction API (`new`, the `with_` setters, `Default`) costs to
# compile: the generated full-corpus crate (0.14.8, with the derived
# overlay) against the same crate with those impls cut out, each built
# alone (debug, dependencies built) ROUNDS times (default 3), the two
# alternating; prints the medians and their ratio. Needs ../shared; works
# under target/perf-construction. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
corpus=$shared/corpus/conductorone-python-0.14.8
[ -d "$corpus" ] || { echo "construction-cost: $corpus not found" >&2; exit 1; }
work=target/perf-construction
rm -rf "$work"; mkdir -p "$work"
cargo build -q -p codegen
./target/debug/codegen overlay --openapi "$corpus/openapi.yaml" --spec "$corpus/docs" --out "$work/overlay.toml"
./target/debug/codegen generate --spec "$corpus/docs" --overlay "$work/overlay.toml" \
  --out "$work/with" --crate-name with-construction 2>/dev/null
cp -r "$work/with" "$work/without"
# Cut the construction impls out: `impl X {` blocks that open with the doc
# of `new`, and `impl Default for X` blocks.
python3 - "$work/without" <<'PY'
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
text = (root / "Cargo.toml").read_text().replace('"with-construction"', '"without-construction"')
(root / "Cargo.toml").write_text(text.replace("with-construction-roundtrip", "without-construction-roundtrip"))
cut = 0
for path in (root / "src").rglob("*.rs"):
    lines = path.read_text().split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        starts = re.match(r"impl \w+ \{$", line) and i + 1 < len(lines) and lines[i + 1].lstrip().startswith("/// A `")
        starts = starts or line.startswith("impl Default")
        if starts:
            while lines[i] != "}":
                i += 1
            i += 1
            cut += 1
            continue
        out.append(line)
        i += 1
    path.write_text("\n".join(out))
print(f"cut {cut} impl blocks", file=sys.stderr)
PY
cat > "$work/Cargo.toml" <<TOML
[workspace]
resolver = "2"
members = ["with", "without"]
TOML
cp Cargo.lock "$work/Cargo.lock"
export CARGO_TARGET_DIR=$work/target CARGO_INCREMENTAL=0
manifest=$work/Cargo.toml
cargo build -q --manifest-path "$manifest" --workspace --lib
seconds() { # seconds PACKAGE FILE_TO_TOUCH
  touch "$2"
  local start=$EPOCHREALTIME
  cargo build -q --manifest-path "$manifest" --lib -p "$1"
  python3 -c "print(round($EPOCHREALTIME - $start, 2))"
}
rounds=${ROUNDS:-3}
log=$work/construction-cost.log
: > "$log"
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then sides="with without"; else sides="without with"; fi
  for side in $sides; do
    echo "$side $(seconds "$side-construction" "$work/$side/src/lib.rs")" >> "$log"
  done
done
python3 - "$log" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    side, secs = line.split()
    runs.setdefault(side, []).append(float(secs))
w, wo = statistics.median(runs["with"]), statistics.median(runs["without"])
print(f"model crate alone (debug): with the construction API {w:.1f}s, without {wo:.1f}s, ratio {w / wo:.2f}")
PY
