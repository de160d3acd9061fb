#!/bin/sh
# Installs the system packages Latent needs, if any are missing.
# Debian/Ubuntu: apt-get (directly as root, through sudo otherwise).
# Elsewhere: prints what to install and exits with status 1.
set -eu

packages="libopenblas-dev liblapacke-dev libstb-dev zlib1g-dev dataset-fashion-mnist"
# Extra packages can be asked for by the caller (e.g. the data set for the demo).
packages="$packages ${LATENT_EXTRA_PACKAGES:-}"

if ! command -v swift >/dev/null 2>&1; then
  echo "install-deps: 'swift' is not on PATH. Install Swift 6 (https://www.swift.org/install/linux/) and try again." >&2
  exit 1
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  if pkg-config --exists openblas 2>/dev/null && [ -f /usr/include/lapacke.h ]; then
    exit 0
  fi
  echo "install-deps: this is not a Debian/Ubuntu system. Install OpenBLAS and LAPACKE with their" >&2
  echo "  development headers (pkg-config 'openblas' must work and lapacke.h must be on the include path)." >&2
  exit 1
fi

missing=""
for package in $packages; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $package" ;;
  esac
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
  run=""
elif command -v sudo >/dev/null 2>&1; then
  run="sudo"
else
  echo "install-deps: missing packages:$missing" >&2
  echo "  Run as root, or install them: apt-get install$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq
# shellcheck disable=SC2086
$run apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-deps: done" >&2
