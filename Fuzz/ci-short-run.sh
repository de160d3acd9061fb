#!/bin/sh
# CI: builds every fuzz target and runs each briefly from the committed seeds.
#
#   Fuzz/ci-short-run.sh [SECONDS]      (default 30 per target)
#
# Exits non-zero if any target reports a finding (crash, trap, leak, timeout, or an
# allocation over the bound of Fuzz/run.sh); the input is left in
# .build-fuzz/artifacts/TARGET/ and the log in .build-fuzz/logs/TARGET.log.
set -eu
cd "$(dirname "$0")/.."

seconds=${1:-30}
mkdir -p .build-fuzz/logs
failed=
for target in FuzzIDX FuzzNumPy FuzzImage FuzzModelJSON; do
  log=.build-fuzz/logs/$target.log
  started=$(date +%s)
  if Fuzz/run.sh "$target" "$seconds" >"$log" 2>&1; then
    result=ok
  else
    result="FINDING (exit $?)"
    failed="$failed $target"
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "$target: $result, ${runs:-0} executions, $(($(date +%s) - started)) s with the build"
done

if [ -n "$failed" ]; then
  for target in $failed; do
    echo "== $target (.build-fuzz/logs/$target.log)"
    grep -E "ERROR|SUMMARY|Fatal error|runtime failure|Test unit written" ".build-fuzz/logs/$target.log" | head -20
  done
  echo "fuzzing found problems in:$failed" >&2
  exit 1
fi
echo "fuzzing: no findings ($seconds s per target)"
