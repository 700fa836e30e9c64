#!/usr/bin/env bash
# Regeneration at scale, in release: the `scale` benchmark (ConductorOne's
# 622 docs and airbyte's 3,067, whole runs in memory, one divan run; divide
# each median by the corpus's MB, which the bench prints first), then each
# corpus generated once under /usr/bin/time for its peak RSS. Needs
# ../shared; writes under target/perf/scale.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
out=target/perf/scale
mkdir -p "$out"
cargo bench -q -p codegen --bench regenerate -- scale
cargo build -q --release -p codegen
for corpus in conductorone-python-0.14.8 airbyte-python-1.0.2; do
  rm -rf "$out/$corpus"
  /usr/bin/time -f "$corpus: %e s wall, peak RSS %M KB" \
    ./target/release/codegen generate --spec "$shared/corpus/$corpus/docs" \
    --out "$out/$corpus" --crate-name scale-models 2>&1 | grep "peak RSS"
done
