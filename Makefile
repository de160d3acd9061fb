# Latent — the two commands of the README's Quick start, and a few more.
#   make demo     install what is missing, build, and run the demo
#   make test     install what is missing, build, and run the test suite
#   make check-release   release-mode checks (the Gram speed check and the heavy parity tests)
#
# OpenBLAS picks its kernel once, when it loads. Test processes cannot restart
# themselves, so every command here is started through `latent-kernel exec`,
# which sets OPENBLAS_CORETYPE to the best kernel this CPU supports when
# OpenBLAS would pick a generic one (and leaves a value you set alone).

SWIFT ?= swift
KERNEL = $(SWIFT) run --quiet latent-kernel exec --

.PHONY: deps demo test check-release kernel format clean

deps:
	@sh scripts/install-deps.sh

demo: deps
	$(SWIFT) build -c release --product latent-demo
	$(SWIFT) run -c release latent-demo

test: deps
	$(SWIFT) build --build-tests
	$(KERNEL) $(SWIFT) test

check-release: deps
	$(SWIFT) build -c release --product gram-check
	$(SWIFT) run -c release gram-check
	LATENT_RELEASE_CHECKS=1 $(KERNEL) $(SWIFT) test -c release

kernel:
	@$(SWIFT) run --quiet latent-kernel status

format:
	$(SWIFT) format --in-place --recursive Sources Tests Benchmarks Package.swift

clean:
	$(SWIFT) package clean
