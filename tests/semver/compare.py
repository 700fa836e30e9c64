#!/usr/bin/env python3
"""Checks the change report (`codegen diff`) against cargo-semver-checks.

For each pair of consecutive ConductorOne docs versions in ../shared, this
generates both crates under one package name, runs `cargo semver-checks`
(new against old as baseline) and `codegen diff --format json`, and prints:
the report's breaking/non-breaking counts, cargo-semver-checks' findings,
and every disagreement: a finding whose item the report does not call
breaking, or a non-breaking change of the report on an item the tool flags.

Not part of `cargo test` (cargo-semver-checks builds from source); run by
hand:

    cargo install cargo-semver-checks --locked --root target/tools
    cargo build -p codegen
    python3 tests/semver/compare.py

Exit status: 0 when no disagreement, 1 otherwise.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_VERSIONS = ["0.1.2", "0.5.2", "0.13.7", "0.14.8"]


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def semver_checks_binary():
    local = os.path.join(ROOT, "target/tools/bin/cargo-semver-checks")
    if os.path.exists(local):
        return [local, "semver-checks"]
    if shutil.which("cargo-semver-checks"):
        return ["cargo", "semver-checks"]
    sys.exit("cargo-semver-checks not found: cargo install cargo-semver-checks --locked --root target/tools")


def generate(codegen, docs, out, overlay=None, over=None):
    """Generates a crate into `out`: afresh, or with `over`, as a regeneration
    of the crate in that directory (its api.json keeps each model's cargo
    feature, as a maintainer regenerating in place gets)."""
    shutil.rmtree(out, ignore_errors=True)
    if over:
        shutil.copytree(over, out)
    extra = ["--overlay", overlay] if overlay else []
    r = run([codegen, "generate", "--spec", docs, "--out", out, "--crate-name", "semver-models"] + extra)
    if r.returncode != 0:
        sys.exit(f"generate {docs} failed:\n{r.stderr}")
    shutil.copy(os.path.join(ROOT, "Cargo.lock"), os.path.join(out, "Cargo.lock"))


def findings(tool, old, new):
    """cargo-semver-checks' findings: (lint, item text)."""
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(ROOT, "target/semver-target"))
    r = run(tool + ["--manifest-path", os.path.join(new, "Cargo.toml"), "--baseline-root", old], env=env)
    out = []
    lint = None
    collecting = False
    text = r.stdout if "--- failure" in r.stdout else r.stderr
    for line in text.splitlines():
        m = re.match(r"--- failure ([a-z_]+):", line)
        if m:
            lint, collecting = m.group(1), False
            continue
        if line.strip() == "Failed in:":
            collecting = True
            continue
        if collecting:
            if not line.strip():
                collecting = False
                continue
            out.append((lint, line.strip()))
    return out


def item_of(text):
    """The Rust type (last path segment) and member a finding names."""
    text = re.sub(r",? previously in file .*$", "", text)
    text = re.sub(r" in file .*$", "", text)
    m = re.match(r"type (\S+) no longer ", text)  # derive_trait_impl_removed
    if m:
        return m.group(1).split("::")[-1], None
    m = re.match(r"(?:field|variant) (\w+) of (?:struct|enum) (\S+)", text)
    if m:
        return m.group(2).split("::")[-1], m.group(1)
    m = re.match(r"(?:variant|struct|enum) (\S+)", text)
    if m:
        parts = m.group(1).split("::")
        if text.startswith("variant"):
            return parts[-2], parts[-1]
        return parts[-1], None
    m = re.match(r"(\S+)::(\w+)", text)
    if m:
        return m.group(1).split("::")[-1], m.group(2)
    return text, None


def owners(api_file):
    """Rust type name -> the path of the model it belongs to (a oneof's
    enum belongs to its struct)."""
    out = {}
    with open(api_file) as f:
        api = json.load(f)
    for m in api["models"]:
        out[m["path"].split("::")[-1]] = m["path"]
        for o in m["kind"].get("object", {}).get("oneofs", []):
            out[o["ty"]] = m["path"]
    return out


def matches(change, member):
    if member is None:
        return True
    name = member.removeprefix("with_")
    return f"`{name}`" in change["detail"] or f"`{member}`" in change["detail"] or f"{member}(" in change["detail"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--versions", default=",".join(DEFAULT_VERSIONS))
    ap.add_argument(
        "--typescript",
        action="store_true",
        help="compare the 2024 Python docs (0.14.8) with the 2026 TypeScript docs (1.2.2) instead, "
        "each with the overlay derived from its OpenAPI document",
    )
    args = ap.parse_args()
    versions = args.versions.split(",")
    codegen = os.path.join(ROOT, "target/debug/codegen")
    if not os.path.exists(codegen):
        sys.exit("build the generator first: cargo build -p codegen")
    tool = semver_checks_binary()
    work = os.path.join(ROOT, "target/semver")
    disagreements = 0
    if args.typescript:
        pairs = [("python-0.14.8", "typescript-1.2.2")]
    else:
        pairs = [(f"python-{a}", f"python-{b}") for a, b in zip(versions, versions[1:])]
    for old_v, new_v in pairs:
        corpus = lambda v: os.path.join(args.shared, f"corpus/conductorone-{v}")
        docs = lambda v: os.path.join(corpus(v), "docs")
        overlays = {}
        if args.typescript:
            for v in (old_v, new_v):
                overlays[v] = os.path.join(work, f"{v}-overlay.toml")
                os.makedirs(work, exist_ok=True)
                r = run([codegen, "overlay", "--openapi", os.path.join(corpus(v), "openapi.yaml"),
                         "--spec", docs(v), "--out", overlays[v]])
                if r.returncode != 0:
                    sys.exit(f"overlay {v} failed:\n{r.stderr}")
        old, new = os.path.join(work, old_v), os.path.join(work, new_v)
        generate(codegen, docs(old_v), old, overlays.get(old_v))
        generate(codegen, docs(new_v), new, overlays.get(new_v), over=old)
        cmd = [codegen, "diff", "--old", docs(old_v), "--new", docs(new_v), "--format", "json"]
        if overlays:
            cmd += ["--old-overlay", overlays[old_v], "--new-overlay", overlays[new_v]]
        r = run(cmd)
        report = json.loads(r.stdout)
        changes = report["changes"]
        breaking = [c for c in changes if c["breaking"]]
        found = findings(tool, old, new)
        by_lint = {}
        for lint, _ in found:
            by_lint[lint] = by_lint.get(lint, 0) + 1
        print(f"== {old_v} -> {new_v}")
        notation = sum(1 for c in changes if c.get("notation"))
        print(f"   report: {len(breaking)} breaking ({notation} of them the docs' notation only), "
              f"{len(changes) - len(breaking)} non-breaking, bump {report['bump']}")
        print(f"   cargo-semver-checks: {len(found)} findings: {by_lint}")
        owner = owners(os.path.join(old, "api.json"))
        owner.update(owners(os.path.join(new, "api.json")))
        flagged = set()
        for lint, text in found:
            ty, member = item_of(text)
            ty = owner.get(ty, ty).split("::")[-1]
            hits = [c for c in changes if c["path"].split("::")[-1] == ty and matches(c, member)]
            if any(c["breaking"] for c in hits):
                continue
            hits_any = [c for c in changes if c["path"].split("::")[-1] == ty]
            if any(c["breaking"] for c in hits_any):
                continue
            disagreements += 1
            print(f"   DISAGREE: {lint}: {text} (report: {[c['detail'] for c in hits_any] or 'nothing'})")
            flagged.add(ty)
        for c in changes:
            if not c["breaking"] and c["path"].split("::")[-1] in flagged:
                disagreements += 1
                print(f"   DISAGREE: the report calls `{c['detail']}` non-breaking, the tool flags `{c['path']}`")
    print(f"{disagreements} disagreements")
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
