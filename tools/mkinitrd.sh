#!/bin/sh
# Builds the initrd: a cpio (newc) archive with each given program at
# /bin/<name>, plus /etc/motd.  Usage: tools/mkinitrd.sh OUT.cpio PROG...
set -e
out=$1; shift
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc" "$root/tmp"
for p in "$@"; do
	cp "$p" "$root/bin/$(basename "$p")"
done
cat > "$root/etc/motd" <<'MOTD'

Welcome to Pollux.  Programs are in /bin: try ls /bin, echo hi, cat,
demo-echo, demo-producers, demo-fdinfo, demo-threadpool (threads on one
epoll fd), demo-herd (EPOLLEXCLUSIVE).  Ctrl-C interrupts a program,
Ctrl-Z suspends it (fg resumes it); Ctrl-a x leaves QEMU.

MOTD
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out"
