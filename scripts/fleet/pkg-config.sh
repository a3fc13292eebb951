#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/fleet/pkg-config.sh SYSROOT ARGS... - pkg-config for the packages
# scripts/fleet/sysroot.sh unpacked into SYSROOT (the Makefile's PKG_CONFIG).
# Adds SYSROOT/usr/include/<triplet> to --cflags: Debian keeps hwloc's
# arch-specific config header there, where a cross gcc does not look.
set -eu
sysroot=${1:?usage: pkg-config.sh SYSROOT ARGS...}
shift
libdir=$(echo "$sysroot"/usr/lib/*/pkgconfig "$sysroot"/usr/share/pkgconfig | tr ' ' :)
out=$(PKG_CONFIG_SYSROOT_DIR=$sysroot PKG_CONFIG_LIBDIR=$libdir pkg-config "$@")
case " $* " in
*" --cflags "*)
	for d in "$sysroot"/usr/include/*-linux-gnu*; do
		[ -d "$d" ] && out="$out -I$d"
	done ;;
esac
echo "$out"
