#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/fleet/sysroot.sh ARCH [DIR] - Debian's hwloc and jansson for another
# architecture, unpacked into DIR (default build/sysroot-ARCH), so that the
# whole of membench cross-builds:
#
#   sh scripts/fleet/sysroot.sh arm64
#   make CC=aarch64-linux-gnu-gcc PKG_CONFIG="sh scripts/fleet/pkg-config.sh build/sysroot-arm64"
#
# Why not `dpkg --add-architecture arm64 && apt-get install libhwloc-dev:arm64`:
# multiarch "same" packages must have one version on every architecture, so
# on a Debian 12 host that is not fully up to date the install upgrades host
# packages (on the machine this was written on: libc6's neighbours, systemd,
# libssl3, linux-libc-dev... 23 of them).  Here apt only downloads: the
# package lists are fetched for ARCH too (-o APT::Architectures), nothing is
# installed, and dpkg's architecture list is not touched.
set -eu
arch=${1:?usage: sysroot.sh ARCH [DIR]   (ARCH: arm64, riscv64, ppc64el ...)}
dir=${2:-build/sysroot-$arch}
pkgs="libhwloc15 libhwloc-dev libjansson4 libjansson-dev libudev1 libnuma1 libnuma-dev libltdl7 libltdl-dev"
native=$(dpkg --print-architecture)
opt="-o APT::Architectures::=$native -o APT::Architectures::=$arch"
mkdir -p "$dir/.debs"
# shellcheck disable=SC2086
apt-get $opt update -qq
list=""
for p in $pkgs; do list="$list $p:$arch"; done
# shellcheck disable=SC2086
(cd "$dir/.debs" && apt-get $opt download $list)
for d in "$dir"/.debs/*.deb; do
	dpkg-deb -x "$d" "$dir"
done
echo "$dir: $(ls "$dir"/.debs | wc -l) packages unpacked"
