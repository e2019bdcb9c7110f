#!/bin/sh
# Builds the initrd: a cpio (newc) archive with /etc/motd, /etc/passwd,
# /etc/group and, for each PROG, /bin/<name> (or DIR/<name> after --in
# DIR).  --busybox BB puts BB
# at /bin/busybox with its applets hard-linked where `busybox --install`
# puts them (/bin, /sbin, /usr/bin, /usr/sbin); a PROG of the same name
# as an applet replaces it.
# Usage: tools/mkinitrd.sh OUT.cpio [--busybox BB] [--in DIR] PROG...
set -e
out=$1; shift
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc" "$root/tmp"
if [ "${1-}" = --busybox ]; then
	cp "$2" "$root/bin/busybox"
	# the applets' paths, as busybox --install lays them out
	for a in $("$2" --list-full); do
		mkdir -p "$root/$(dirname "$a")"
		[ -e "$root/$a" ] || ln "$root/bin/busybox" "$root/$a"
	done
	shift 2
fi
dir=/bin
for p in "$@"; do
	case $p in
	--in) dir=next; continue;;
	esac
	if [ "$dir" = next ]; then dir=$p; mkdir -p "$root$dir"; continue; fi
	if readelf -l "$p" 2>/dev/null | grep -q 'Requesting program interpreter'; then
		echo "mkinitrd: $p is dynamically linked: build it with -static" >&2
		exit 1
	fi
	rm -f "$root$dir/$(basename "$p")"	# an applet's link: not through it
	cp "$p" "$root$dir/$(basename "$p")"
done
cat > "$root/etc/motd" <<'MOTD'

Welcome to Pollux.  The shell is busybox's ash: pipelines, redirection,
history (arrow keys), jobs, fg and bg; ls /bin, ps, top, vi, kill...
Pollux's own programs: psh (its small shell), kmemstat, demo-echo,
demo-producers, demo-fdinfo, demo-loop,
demo-threadpool (threads on one epoll fd), demo-herd (EPOLLEXCLUSIVE).  Ctrl-C interrupts a program,
Ctrl-Z suspends it; Ctrl-a x leaves QEMU.  Booted by make run NET=1:
"demo-httpd &" here, then on the host: curl http://127.0.0.1:8080/

MOTD
# the one user, root (ps, ls -l and id show names)
echo 'root:x:0:0:root:/:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out"
