#!/usr/bin/env bash
# Builds the documentation with DocC, treating every warning as an error, and
# checks that every public symbol of the library modules has a doc comment.
# Docs/Documentation.md says what each step checks and how to fix a failure.
#
#   scripts/check-docs.sh               every module of the package's library products
#   scripts/check-docs.sh MODULE...     only these modules (include the modules they link to)
#
# Exits non-zero when DocC reports a warning or error, or when a public symbol
# has no doc comment of its own (each is printed as module, symbol, file:line).
# The documentation archive is left in .build/plugins/Swift-DocC/outputs/Latent.doccarchive.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
start=$(date +%s)

# The modules to document: those given, or every Swift target that belongs to a
# library product (Latent and the modules it re-exports, LatentData, LatentPlot, and
# any added later). Test support and executables are left out.
if [ "$#" -gt 0 ]; then
  modules=("$@")
else
  mapfile -t modules < <("$SWIFT" package describe --type json | python3 -c '
import json, sys
package = json.load(sys.stdin)
libraries = {p["name"] for p in package["products"] if "library" in p["type"]}
for target in package["targets"]:
    if target.get("module_type") == "SwiftTarget" and target["type"] == "library" \
            and libraries & set(target.get("product_memberships") or []):
        print(target["name"])
')
fi
echo "check-docs: documenting ${modules[*]}"

# Symbol graphs of an earlier run could describe symbols that no longer exist.
rm -rf .build/*/extracted-symbols

# One combined archive: each module keeps its own pages, the Latent catalog's
# articles link into all of them (``/Module/Symbol``), and a landing page lists them.
target_arguments=()
for module in "${modules[@]}"; do target_arguments+=(--target "$module"); done
log=$(mktemp)
trap 'rm -f "$log"' EXIT
docc_status=0
"$SWIFT" package generate-documentation \
  --enable-experimental-combined-documentation --warnings-as-errors \
  "${target_arguments[@]}" >"$log" 2>&1 || docc_status=$?
# Leave out the compiler's progress lines; keep DocC's diagnostics and results.
grep -Ev '^\[[0-9]+/[0-9]+\]' "$log" || true
if [ "$docc_status" -ne 0 ]; then
  echo "check-docs: FAIL: the documentation build reported the errors above (status $docc_status)."
fi

# Every public symbol needs a doc comment of its own. The symbol graphs are the
# ones the documentation build just extracted (public and open symbols, with
# compiler-synthesized members).
coverage_status=0
python3 - "$PWD" "${modules[@]}" <<'PYTHON' || coverage_status=$?
import glob, json, os, sys

root, modules = sys.argv[1], sys.argv[2:]
prefix = "file://" + root.rstrip("/") + "/"

# Members a conformance provides; written by hand or synthesized, they need no comment.
CONFORMANCE_MEMBERS = {
    "==(_:_:)", "!=(_:_:)", "hashValue", "hash(into:)",   # Equatable, Hashable
    "init(from:)", "encode(to:)",                         # Codable
    "init(rawValue:)", "rawValue",                        # RawRepresentable enums
}

def own_doc_comment(symbol):
    """True when the comment comes from this package's sources (the symbol's own, or
    the requirement it implements, when that requirement is ours). An undocumented
    symbol can inherit the standard library's text, which has no source file here."""
    comment = symbol.get("docComment")
    if not comment or not comment.get("uri", "").startswith(prefix):
        return False
    return any(line.get("text", "").strip() for line in comment.get("lines", []))

checked, missing, absent = 0, [], []
for module in modules:
    files = glob.glob(os.path.join(root, ".build", "*", "extracted-symbols", "*", module, "*.symbols.json"))
    if not files:
        absent.append(module)
        continue
    for path in files:
        graph = json.load(open(path))
        for symbol in graph["symbols"]:
            kind = symbol["kind"]["identifier"]
            name = symbol["pathComponents"][-1]
            location = symbol.get("location")
            if kind in ("swift.extension", "module") or symbol.get("accessLevel") not in ("public", "open"):
                continue
            # No source location: synthesized by the compiler or inherited from a
            # protocol extension. Underscored names are not public API.
            if location is None or name in CONFORMANCE_MEMBERS or name.startswith("_"):
                continue
            checked += 1
            if not own_doc_comment(symbol):
                file = location["uri"][len(prefix):] if location["uri"].startswith(prefix) else location["uri"]
                line = location["position"]["line"] + 1  # symbol graphs count lines from 0
                missing.append((module, ".".join(symbol["pathComponents"]), file, line))

for module in absent:
    print(f"check-docs: FAIL: no symbol graph for {module}; its documentation build failed before extracting it.")
for module, symbol, file, line in sorted(missing, key=lambda m: (m[0], m[2], m[3])):
    print(f"  {module}  {symbol}  {file}:{line}")
if missing:
    print(f"check-docs: FAIL: {len(missing)} of {checked} public symbols have no doc comment of their own (listed above).")
else:
    print(f"check-docs: all {checked} public symbols in {len(modules) - len(absent)} modules have a doc comment.")
sys.exit(1 if missing or absent else 0)
PYTHON

elapsed=$(($(date +%s) - start))
if [ "$docc_status" -ne 0 ] || [ "$coverage_status" -ne 0 ]; then
  echo "check-docs: FAILED after ${elapsed}s"
  exit 1
fi
echo "check-docs: passed in ${elapsed}s; archive in .build/plugins/Swift-DocC/outputs/Latent.doccarchive"
