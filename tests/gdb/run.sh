#!/bin/sh
# tests/gdb/run.sh: batch gdb checks of the kernel and of tools/gdb/pollux.py
# (make test runs it after building build/pollux.elf, build/pollux.iso and
# build/gdb/gdb-epoll).
#
# Each tests/gdb/NAME.gdb is one scenario: a gdb command sequence, the very
# one the docs show, plus comment lines that say what to boot and
# what the output must contain:
#
#   # boot: iso            the ISO as `make debug` boots it, or
#   # boot: PROGRAM        build/gdb/PROGRAM as init (tools/gdb/qemu-halted)
#   # serial-input: WAIT-FOR BYTES
#                          optional: send BYTES into COM2 once the console
#                          shows WAIT-FOR (qemu-halted --serial-input)
#   # expect "what": ERE   one check: a line of gdb's output matches ERE
#                          (grep -E, case-insensitive)
#   # smp: N               optional: N CPUs (default 1, see below)
#
# A scenario boots one CPU unless it says otherwise: with several, gdb
# stepping over a breakpoint on a loaded host sometimes reports the same
# breakpoint again instead of going on (seen under make test's load), and
# the epoll recipes only need CPU 0, where every task runs (docs/smp.md).
#
# For each scenario QEMU starts halted (-S) with its gdb stub on a free port,
# and gdb attaches exactly as `make gdb` does, then runs the scenario in
# batch mode.  Every boot and every gdb run has a timeout.  Prints
# "ok N - NAME: what" / "not ok N - NAME: what" per check (gdb's output
# follows a failure), then "N passed, M failed"; exit status 1 if any failed.
# A full run first checks that every gdb sequence of the docs (docs/*.md)
# is one of the scenarios (tests/gdb/recipes.py), and how make debug and
# make gdb use the port.
#
# Usage: tests/gdb/run.sh [--show] [NAME.gdb...]
#                                      (default: every tests/gdb/*.gdb)
# --show prints each scenario's gdb output: the transcripts the docs quote
# are regenerated from it.
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
TIMEOUT=${GDB_TEST_TIMEOUT:-60}
. tools/lockdep-ere.sh
KERNEL=$BUILD/pollux.elf
tmp=$(mktemp -d /tmp/pollux-gdb.XXXXXX)
qemu_pid=
trap 'stop_qemu; rm -rf "$tmp"' EXIT INT TERM
passed=0 failed=0 n=0

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# QEMU halted, for a "# boot:" line: build/pollux.iso as `make debug` boots
# it, or the program as init (tools/gdb/qemu-halted, as a user would).
start_qemu() {	# BOOT PORT [--serial-input WAIT-FOR BYTES]
	serial=$3
	case $1 in
	iso) set -- "" "$2"
	     # gdb reads build/pollux.elf: the ISO must hold that same kernel
	     [ ! "$BUILD/pollux.iso" -ot "$KERNEL" ] ||
		{ echo "#   $BUILD/pollux.iso is older than $KERNEL: make"; return 1; } ;;
	*) set -- "$BUILD/gdb/$1" "$2"
	   [ -x "$1" ] || { echo "#   no $1: make $1"; return 1; } ;;
	esac
	SMP=$smp timeout $((TIMEOUT + 10)) tools/gdb/qemu-halted --port "$2" \
		--out "$tmp" $serial $1 &
	qemu_pid=$!
}

stop_qemu() {
	[ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null && wait "$qemu_pid" 2>/dev/null
	qemu_pid=
}

# gdb as `make gdb` runs it, in batch mode, with the scenario's commands.
# QEMU opens its port only once the ISO is built: retry the attach.
run_gdb() {	# SCENARIO PORT
	for try in 1 2 3 4 5 6 7 8 9 10; do
		timeout -s INT -k 5 "$TIMEOUT" gdb -q -batch -nx \
			-ex "set architecture i386:x86-64" -ex "file $KERNEL" \
			-ex "target remote localhost:$2" \
			-x tools/gdb/pollux-gdbinit -x "$1" > "$tmp/out" 2>&1
		grep -q "Connection refused" "$tmp/out" || return 0
		sleep 1
	done
}

report() {	# OK WHAT
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		passed=$((passed + 1)); echo "ok $n - $2"
	else
		failed=$((failed + 1)); echo "not ok $n - $2"
	fi
}

# One scenario: boot, attach, check each "# expect" line.
run_scenario() {
	name=$(basename "$1" .gdb)
	boot=$(sed -n 's/^# boot: \([^ ]*\).*/\1/p' "$1")
	port=$(free_port)
	serial=$(sed -n 's/^# serial-input: /--serial-input /p' "$1")
	smp=$(sed -n 's/^# smp: //p' "$1")
	smp=${smp:-1}
	rm -f "$tmp/console" "$tmp/klog" "$tmp/qemu.log"
	start_qemu "$boot" "$port" "$serial" || { report 0 "$name: boot $boot"; return; }
	run_gdb "$1" "$port"
	stop_qemu
	[ "$show" = 1 ] && sed "s|$PWD/||" "$tmp/out"
	bad=0
	sed -n 's/^# expect "\(.*\)": \(.*\)/\1\t\2/p' "$1" > "$tmp/expects"
	while IFS='	' read -r what re; do
		if grep -Eiq -- "$re" "$tmp/out"; then
			report 1 "$name: $what"
		else
			report 0 "$name: $what (no line matches: $re)"; bad=1
		fi
	done < "$tmp/expects"
	# the kernel log up to where gdb stopped it: no lock checker report
	if grep -qE "$LOCKDEP_ERE" "$tmp/klog" 2>/dev/null; then
		report 0 "$name: a lock checker report in the kernel log"; bad=1
	fi
	[ $bad = 0 ] || cat "$tmp/out" "$tmp/qemu.log" "$tmp/klog" 2>/dev/null |
		sed 's/^/#   /'
}

# Every gdb sequence of the docs must be one of the scenarios.
check_recipes() {
	tests/gdb/recipes.py docs/*.md tests/gdb/*.gdb > "$tmp/recipes"
	while IFS='	' read -r status what; do
		report "$([ "$status" = ok ] && echo 1 || echo 0)" "$what"
	done < "$tmp/recipes"
}

# make debug's stub listens on the loopback interface only, and make gdb
# with no QEMU waiting says so at once instead of waiting for a timeout.
check_make_targets() {
	make -n --no-print-directory debug 2>/dev/null |
		grep -q -- "-gdb tcp:127.0.0.1:"
	report $((! $?)) "make debug: the gdb stub listens on 127.0.0.1 only"
	timeout 10 make -s --no-print-directory gdb GDBPORT="$(free_port)" \
		< /dev/null > "$tmp/nogdb" 2>&1
	grep -q 'run `make debug` first' "$tmp/nogdb"
	report $((! $?)) "make gdb without QEMU: \"run \`make debug\` first\" at once"
}

show=0
[ "${1:-}" = --show ] && { show=1; shift; }
[ -f "$KERNEL" ] || { echo "run.sh: no $KERNEL (run make)" >&2; exit 1; }
if [ $# = 0 ]; then
	check_recipes
	check_make_targets
	set -- tests/gdb/*.gdb
fi
for scenario in "$@"; do
	run_scenario "$scenario"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
