#!/bin/sh
# Installs the tools Pollux's build needs when they are missing, with apt-get.
# Called by the Makefile before any target that needs them; quiet when all
# are present.  Runs apt-get as root, or through sudo.
set -e

# command -> Debian package that provides it
need=""
check() {
	if ! command -v "$1" >/dev/null 2>&1; then
		need="$need $2"
		echo "install-deps: '$1' is missing; it comes from the Debian package '$2'" >&2
	fi
}
check qemu-system-x86_64 qemu-system-x86
check nasm nasm
check grub-mkrescue grub-common
check xorriso xorriso
check mformat mtools
check gdb gdb
check cpio cpio
check python3 python3
# grub-mkrescue needs grub's BIOS (i386-pc) modules to build a bootable ISO.
if [ ! -d /usr/lib/grub/i386-pc ]; then
	need="$need grub-pc-bin"
	echo "install-deps: GRUB's i386-pc modules are missing; they come from 'grub-pc-bin'" >&2
fi
# tests/raw builds ordinary C programs against the host's static glibc.
if [ ! -f /usr/lib/x86_64-linux-gnu/libc.a ]; then
	need="$need libc6-dev"
	echo "install-deps: the static glibc (libc.a) is missing; it comes from 'libc6-dev'" >&2
fi
# tests/musl builds ordinary C programs with musl's static toolchain.
check musl-gcc musl-tools
# make selftests: Linux's epoll selftests come from Debian's kernel source
# (tests/selftests/Makefile.inc takes only them out of the tarball).
if [ ! -f /usr/src/linux-source-6.12.tar.xz ]; then
	need="$need linux-source-6.12"
	echo "install-deps: Linux's selftests come from 'linux-source-6.12'" >&2
fi
# pollux-epoll --dot's pictures are drawn (and checked, tests/gdb/dot.gdb) by dot.
check dot graphviz
# The initrd's userland: /bin/busybox, static (Debian's "busybox" package
# has a dynamically linked one at the same path).
if ! dpkg-query -W -f '${Status}' busybox-static 2>/dev/null | grep -q 'ok installed'; then
	need="$need busybox-static"
	echo "install-deps: busybox-static (the initrd's shell and utilities) is missing" >&2
fi
[ -z "$need" ] && exit 0

echo "install-deps: installing:$need (needed to build and boot the Pollux ISO)" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $need >&2
