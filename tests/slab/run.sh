#!/bin/sh
# Slab debugging (kernel/mm/slab_debug.c) must report misuse of the heap,
# naming the cache and the code involved, and stop the kernel:
#  - a use after free in eventpoll (tests/slab/eventpoll-uaf.patch, applied
#    to a copy of the tree), caught when the epitem is allocated again;
#  - a one-byte overrun of a kmalloc object, and a double free (selftest=).
# Their kernel logs must hold no lock checker report, as every boot's
# (the panic is the misuse's, not a lock's).
# Prints "ok"/"not ok" lines and "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
. tools/lockdep-ere.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# expect NAME LOG PATTERN...: every pattern (grep -E) is in LOG
expect() {
	name=$1 log=$2
	shift 2
	for p in "$@"; do
		if ! grep -qE "$p" "$log"; then
			echo "not ok - $name: no line matching '$p'; kernel log:"
			cat "$log"
			fail=$((fail + 1))
			return
		fi
	done
	echo "ok - $name"
	pass=$((pass + 1))
}

# The patched kernel: a copy of the sources and of the kernel objects, so
# that only eventpoll.c is compiled again.  GCC inlines ep_insert() into
# sys_epoll_ctl(), so the report may name either.
mkdir -p "$tmp/src/build"
cp -a Makefile linker.ld boot kernel drivers include tools libc user tests bench iso "$tmp/src/"
cp -a build/boot build/kernel build/drivers build/ksyms0.o "$tmp/src/build/"
if (cd "$tmp/src" && patch -s -p1 < tests/slab/eventpoll-uaf.patch &&
    make -s build/pollux.elf > build.log 2>&1); then
	tools/run-elf --timeout 60 --kernel "$tmp/src/build/pollux.elf" \
		--klog "$tmp/uaf.log" build/tests/epoll_ctl > /dev/null 2>&1
	sed -n '/^BUG /,/^INFO: Found/p' "$tmp/uaf.log"
	expect "use after free of an epitem is reported with its cache" "$tmp/uaf.log" \
		'^BUG eventpoll_epi: Poison overwritten \(use after free\)' \
		'^INFO: Allocated in (ep_insert|sys_epoll_ctl)\+0x[0-9a-f]+ pid=[0-9]+' \
		'^INFO: Freed in __ep_remove\+0x[0-9a-f]+ pid=[0-9]+' \
		'^INFO: Found by a call from (ep_insert|sys_epoll_ctl)\+' \
		'^KERNEL PANIC: slab corruption in cache eventpoll_epi'
	lockdep_silent "$tmp/uaf.log" || fail=$((fail + $?))
else
	cat "$tmp/src/build.log"
	echo "not ok - building the kernel with tests/slab/eventpoll-uaf.patch"
	fail=$((fail + 1))
fi

# selftest boots: the misuse is in a named function of kernel/selftest_faults.c
for t in redzone double_free; do
	tools/mkiso.sh "$tmp/$t.iso" build/pollux.elf build/initrd.cpio test selftest=$t
	timeout 60 qemu-system-x86_64 -cpu max -m 512M -no-reboot -display none \
		-smp "${SMP:-4}" -accel tcg,thread=multi \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial file:"$tmp/$t.log" -cdrom "$tmp/$t.iso"
	echo "QEMU status $?" >> "$tmp/$t.log"
	sed -n '/^BUG /,/^INFO: Found/p' "$tmp/$t.log"
	lockdep_silent "$tmp/$t.log" || fail=$((fail + $?))
done
expect "one byte past kmalloc(100) is reported at kfree" "$tmp/redzone.log" \
	'^BUG kmalloc-128: kmalloc Redzone overwritten' \
	'^INFO: 0x[0-9a-f]+-0x[0-9a-f]+ @offset=116\. First byte 0x0 instead of 0xcc' \
	'^INFO: Allocated in selftest_kmalloc_overrun\+' \
	'^INFO: Found by a call from selftest_kmalloc_overrun\+' '^QEMU status 35$'
expect "a double free is reported" "$tmp/double_free.log" \
	'^BUG kmalloc-64: Object already free \(double free\)' \
	'^INFO: Freed in selftest_double_free\+' \
	'^INFO: Found by a call from selftest_double_free\+' '^QEMU status 35$'

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
