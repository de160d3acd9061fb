# Latent — the two commands of the README's Quick start, and a few more.
#   make demo            install what is missing, build, run the experiment on Fashion-MNIST
#   make test            install what is missing, build, run the test suite (debug)
#   make check-release   release-mode checks: the Gram speed check and the heavy parity tests
#   make check-threads   the test suite under ThreadSanitizer (a data race fails it)
#   make bench           scatter-bench at n = 512, d = 100,000 against scikit-learn (synthetic and photos)
#   make docs            DocC documentation with warnings as errors, and the doc-comment check
#   make fuzz            a short run of every libFuzzer target
#   make kernel          which OpenBLAS kernel this machine runs
#
# OpenBLAS picks its kernel once, when it loads. Test processes cannot restart
# themselves, so tests are started through `latent-kernel exec`, which sets
# OPENBLAS_CORETYPE to the best kernel this CPU supports when OpenBLAS would pick
# a generic one (and leaves a value you set alone). The executables restart
# themselves the same way.

SWIFT ?= swift
KERNEL = $(SWIFT) run --quiet latent-kernel exec --
OUTPUT ?= latent-output

.PHONY: deps demo test check-release check-threads bench bench-quick docs fuzz kernel format clean

deps:
	@sh scripts/install-deps.sh

demo: deps
	$(SWIFT) build -c release --product latent
	$(SWIFT) run -c release latent experiment --json $(OUTPUT)/results.json --plots $(OUTPUT)/figures

test: deps
	$(SWIFT) build --build-tests
	$(KERNEL) $(SWIFT) test

# The d = 100,000 suites run one after the other, each alone on the machine, so that the
# fit times they print are not halved by running beside each other (and their memory is not
# needed at once); the rest runs in parallel.
HEAVY = LDAReleaseTests|PCAReleaseCheckTests|PhotoReleaseTests

check-release: deps
	$(SWIFT) build -c release --product gram-check
	$(SWIFT) run -c release gram-check
	LATENT_RELEASE_CHECKS=1 $(KERNEL) $(SWIFT) test -c release --skip '$(HEAVY)'
	LATENT_RELEASE_CHECKS=1 $(KERNEL) $(SWIFT) test -c release --filter LDAReleaseTests
	LATENT_RELEASE_CHECKS=1 $(KERNEL) $(SWIFT) test -c release --filter PCAReleaseCheckTests
	LATENT_RELEASE_CHECKS=1 $(KERNEL) $(SWIFT) test -c release --filter PhotoReleaseTests

# The whole debug suite under ThreadSanitizer, in its own build directory. A reported race makes
# `swift test` exit with an error; the grep fails the target too if a report came with exit 0.
check-threads: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	@status=0; $(KERNEL) $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan \
		> .build-tsan/test.log 2>&1 || status=$$?; \
	cat .build-tsan/test.log; \
	if grep -q "WARNING: ThreadSanitizer" .build-tsan/test.log; then echo "ThreadSanitizer reported a race"; exit 1; fi; \
	exit $$status

bench: deps
	$(SWIFT) run -c release scatter-bench --n 512 --d 100000 --classes 4 --dataset both --compare-sklearn \
		--json $(OUTPUT)/bench.json --svg $(OUTPUT)/bench

bench-quick: deps
	$(SWIFT) run -c release scatter-bench --quick --json $(OUTPUT)/bench-quick.json --svg $(OUTPUT)/bench-quick

docs: deps
	bash scripts/check-docs.sh

fuzz: deps
	bash Fuzz/ci-short-run.sh 30

kernel:
	@$(SWIFT) run --quiet latent-kernel status

format:
	$(SWIFT) format --in-place --recursive Sources Tests Benchmarks Fuzz Package.swift

clean:
	$(SWIFT) package clean
