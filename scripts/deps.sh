#!/bin/sh
# SPDX-License-Identifier: MIT
# Install the Debian packages membench needs to build, test and plot,
# when missing.  CROSS=1 adds the cross compilers and qemu-user for the
# cross-architecture tests.  Never installs gcc-multilib: on Debian it
# removes the cross compilers.
set -eu
pkgs="build-essential pkg-config libhwloc-dev libjansson-dev liburcu-dev binutils python3 python3-matplotlib python3-jsonschema python3-yaml graphviz"
if [ "${CROSS:-0}" = 1 ]; then
	pkgs="$pkgs qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
gcc-arm-linux-gnueabihf libc6-dev-armhf-cross gcc-riscv64-linux-gnu libc6-dev-riscv64-cross \
gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross gcc-i686-linux-gnu libc6-dev-i386-cross"
fi
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "membench: installing:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "membench: missing packages:$missing (run as root, or install them)" >&2
	exit 4
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
