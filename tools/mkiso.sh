#!/bin/sh
# Builds a bootable GRUB (multiboot2) ISO.
# Usage: tools/mkiso.sh OUT.iso KERNEL.elf INITRD.cpio [KERNEL COMMAND LINE...]
set -e
out=$1 kernel=$2 initrd=$3; shift 3
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
