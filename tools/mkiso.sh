#!/bin/sh
# Builds a bootable GRUB (multiboot2) ISO.
# Usage: tools/mkiso.sh OUT.iso KERNEL.elf INITRD.cpio [KERNEL COMMAND LINE...]
# PREEMPT=full|none in the environment puts preempt=$PREEMPT first on the
# command line (a preempt= given later wins; words after init= are
# init's): every boot of tools/run-elf and make test.  The kernel's
# default is preempt=full; PREEMPT=none make test runs without kernel
# preemption (docs/locking.md).
set -e
out=$1 kernel=$2 initrd=$3; shift 3
[ -z "${PREEMPT:-}" ] || set -- "preempt=$PREEMPT" "$@"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/pollux.elf"
cp "$initrd" "$dir/boot/initrd.cpio"
sed "s|multiboot2 /boot/pollux.elf.*|multiboot2 /boot/pollux.elf $*|" iso/grub.cfg > "$dir/boot/grub/grub.cfg"
grub-mkrescue -o "$out" "$dir" >/dev/null 2>&1 || {
	echo "mkiso: grub-mkrescue failed; run tools/install-deps.sh" >&2
	grub-mkrescue -o "$out" "$dir"
}
