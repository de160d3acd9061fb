#!/bin/sh
# Builds one libFuzzer target into .build-fuzz and runs it.
#
#   Fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags...]
#
# TARGET is FuzzIDX, FuzzNumPy, FuzzImage or FuzzModelJSON; SECONDS defaults to 600.
# The seeds in Fuzz/Corpus/TARGET are read, never written: new inputs go to
# .build-fuzz/corpus/TARGET and findings to .build-fuzz/artifacts/TARGET/
# (crash-*, leak-*, timeout-*, oom-*). The bound: no single allocation over
# 2048 MB, no more than 3072 MB resident, no input slower than 10 s.
# Exits non-zero when libFuzzer reports a finding.
set -eu
cd "$(dirname "$0")/.."

target=${1:?usage: Fuzz/run.sh TARGET [SECONDS] [libFuzzer flags...]}
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift 1

case $target in
  FuzzIDX | FuzzNumPy | FuzzImage | FuzzModelJSON) ;;
  *) echo "unknown target $target (FuzzIDX, FuzzNumPy, FuzzImage, FuzzModelJSON)" >&2; exit 2 ;;
esac

# The only combination of flags found to build Swift with libFuzzer coverage and to
# link, plus -Xcc -fsanitize=address for FuzzImage's private copy of
# stb_image, which --sanitize=fuzzer already gives coverage.
swift build --scratch-path .build-fuzz -c release --product "$target" --sanitize=fuzzer \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xcc -fsanitize=address

corpus=.build-fuzz/corpus/$target
artifacts=.build-fuzz/artifacts/$target
mkdir -p "$corpus" "$artifacts"

# Tokens the fuzzer cannot learn from coverage (parsers outside the instrumented code).
dictionary=
[ -f "Fuzz/Dictionaries/$target.dict" ] && dictionary="-dict=Fuzz/Dictionaries/$target.dict"

# Without SWIFT_BACKTRACE=enable=no a Swift trap under ASan starts the backtracer,
# which reports a false heap overflow and keeps the output pipe open.
SWIFT_BACKTRACE=enable=no exec ".build-fuzz/release/$target" \
  -max_total_time="$seconds" \
  -malloc_limit_mb=2048 -rss_limit_mb=3072 -timeout=10 \
  -max_len=65536 \
  -print_final_stats=1 \
  $dictionary \
  -artifact_prefix="$artifacts/" \
  "$@" \
  "$corpus" "Fuzz/Corpus/$target"
