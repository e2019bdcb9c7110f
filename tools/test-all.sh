#!/bin/sh
# make test, after the unit tests: boot tests of the kernel, host-built
# and musl-built programs, every user test program in one Pollux boot
# (each compared byte for byte with the same program run on this Linux),
# harness-driven serial tests, gdb checks.
# Each stage ends with "N passed, M failed"; the last line adds them up.
set -u
cd "$(dirname "$0")/.."
B=build
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total_pass=0 total_fail=0

tally() {	# adds the "N passed, M failed" line of $1 to the totals
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [ -z "$line" ]; then
		echo "not ok - $2: no result line"; total_fail=$((total_fail + 1)); return
	fi
	p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
	total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
}

qemu_boot() {	# qemu_boot ISO CONSOLE-LOG TIMEOUT: returns QEMU's status
	timeout "$3" qemu-system-x86_64 -m 512M -no-reboot -display none \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-chardev file,id=com1,path="$2" -serial chardev:com1 \
		-debugcon file:"$2.klog" -cdrom "$1"
}

echo "== unit tests (host)"
make --no-print-directory -s unit-tests > "$tmp/unit.out" 2>&1
cat "$tmp/unit.out"
tally "$tmp/unit.out" "unit tests"

echo "== boot: in-kernel self-tests"
tools/mkiso.sh "$tmp/st.iso" $B/pollux.elf $B/initrd.cpio test selftest
qemu_boot "$tmp/st.iso" "$tmp/st.log" 60; rc=$?
cat "$tmp/st.log"
[ $rc = 33 ] || { echo "not ok - self-test boot: QEMU status $rc"; total_fail=$((total_fail + 1)); }
tally "$tmp/st.log" "self-test boot"

echo "== boot: a NULL dereference in the kernel must panic with a backtrace"
tools/mkiso.sh "$tmp/fault.iso" $B/pollux.elf $B/initrd.cpio test selftest=fault
qemu_boot "$tmp/fault.iso" "$tmp/fault.log" 60; rc=$?
if [ $rc = 35 ] && grep -q '^RIP: .*selftest_null_deref' "$tmp/fault.log" &&
   grep -q 'RAX: ' "$tmp/fault.log" && grep -q '\] selftest_run+' "$tmp/fault.log"; then
	echo "ok - panic report names selftest_null_deref, with registers and backtrace"
	total_pass=$((total_pass + 1))
else
	cat "$tmp/fault.log"
	echo "not ok - panic report (QEMU status $rc)"; total_fail=$((total_fail + 1))
fi

echo "== slab debugging: a use after free, an overrun and a double free are reported"
tests/slab/run.sh > "$tmp/slab.out" 2>&1
grep -E '^(ok|not ok|BUG|INFO)' "$tmp/slab.out"
grep -q '^not ok' "$tmp/slab.out" && cat "$tmp/slab.out"
tally "$tmp/slab.out" "slab debugging"

echo "== host-built binaries (no libc; glibc static and static-pie): Linux vs Pollux"
for t in $B/raw/*; do
	n=$(basename "$t")
	linux_out=$("$t" 2>&1); linux_rc=$?
	pollux_out=$(tools/run-elf --timeout 60 "$t" 2>&1); pollux_rc=$?
	if [ "$linux_out" = "$pollux_out" ] && [ $linux_rc = $pollux_rc ]; then
		echo "ok - $n: same output and exit status ($pollux_rc) as on Linux"
		total_pass=$((total_pass + 1))
	else
		echo "not ok - $n: Linux exit $linux_rc, Pollux exit $pollux_rc"
		printf 'Linux:\n%s\nPollux:\n%s\n' "$linux_out" "$pollux_out"
		total_fail=$((total_fail + 1))
	fi
done

echo "== musl programs (musl-gcc -static): one Pollux boot, each compared with Linux"
# The initrd holds only the runner (init) and the musl binaries, in /bin.
musl_names=$(for t in $B/musl/*; do basename "$t"; done)
tools/mkinitrd.sh "$tmp/musl.cpio" $B/tests/runner $B/musl/*
tools/mkiso.sh "$tmp/musl.iso" $B/pollux.elf "$tmp/musl.cpio" test klog=debugcon init=/bin/runner $musl_names
qemu_boot "$tmp/musl.iso" "$tmp/musl.log" 300; rc=$?
[ $rc = 33 ] || { echo "Pollux musl boot: QEMU status $rc; kernel log:"; tail -n 40 "$tmp/musl.log.klog"; }
tools/run-tests --pollux-log "$tmp/musl.log" $B/musl/* | tee "$tmp/musl.out"
tally "$tmp/musl.out" "musl programs"

echo "== robustness: hostile arguments to every syscall (Pollux only)"
for t in $B/robust/*; do
	out=$(tools/run-elf --timeout 300 "$t" 2>&1); rc=$?
	echo "$out" | tail -n 3
	if [ $rc = 0 ]; then
		echo "ok - $(basename "$t")"; total_pass=$((total_pass + 1))
	else
		echo "not ok - $(basename "$t") (status $rc)"; total_fail=$((total_fail + 1))
	fi
done

echo "== user tests: one Pollux boot, each program compared with Linux"
# tests/user/PENDING names the programs that pass on Linux but not yet in
# Pollux: they are listed here as skipped, not hidden.
pending=$(grep -v '^#' tests/user/PENDING 2>/dev/null)
names=""
for t in $B/tests/*; do
	n=$(basename "$t")
	case $n in runner|*.o) continue;; esac
	if echo "$pending" | grep -qx "$n"; then
		echo "skip - $n (tests/user/PENDING: not yet passing in Pollux)"
	else
		names="$names $n"
	fi
done
tools/mkiso.sh "$tmp/user.iso" $B/pollux.elf $B/initrd.cpio test klog=debugcon init=/bin/runner $names
qemu_boot "$tmp/user.iso" "$tmp/user.log" 400; rc=$?
[ $rc = 33 ] || { echo "Pollux test boot: QEMU status $rc; kernel log:"; tail -n 40 "$tmp/user.log.klog"; }
tools/run-tests --pollux-log "$tmp/user.log" $(for n in $names; do echo $B/tests/$n; done) | tee "$tmp/cmp.out"
tally "$tmp/cmp.out" "user tests"

if [ -x tests/serial/run.sh ]; then
	echo "== serial tests (harness-driven input on /dev/ttyS1)"
	tests/serial/run.sh | tee "$tmp/serial.out"
	tally "$tmp/serial.out" "serial tests"
fi
if [ -x tests/gdb/run.sh ]; then
	echo "== gdb checks"
	tests/gdb/run.sh | tee "$tmp/gdb.out"
	tally "$tmp/gdb.out" "gdb checks"
fi

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
