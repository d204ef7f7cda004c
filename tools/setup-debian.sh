#!/bin/sh
# setup-debian.sh - install what building and testing Rubric needs, when it
# is missing.  Safe to run again: it installs nothing that is already there.
set -eu

need=""
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
command -v flex >/dev/null 2>&1 || need="$need flex"
command -v bison >/dev/null 2>&1 || need="$need bison"
[ -f /usr/include/cmocka.h ] || need="$need libcmocka-dev"
[ -f /usr/include/openssl/evp.h ] || need="$need libssl-dev"   # SHA-256 (libcrypto)
command -v sqlite3 >/dev/null 2>&1 || need="$need sqlite3"   # cross-check tests
command -v dot >/dev/null 2>&1 || need="$need graphviz"      # strategy-map tests

if [ -z "$need" ]; then
	echo "setup: all build dependencies are present"
	exit 0
fi

echo "setup: installing$need"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "setup: need root (or sudo) to install:$need" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need
