#!/bin/sh
# Runs the benchmarks and writes bench/results/TARGET.csv, TARGET-mem.csv
# and TARGET.svg (cost per wait against N for epoll_wait, poll, select).
#
# usage: bench/run-bench.sh pollux|linux BENCH_DIR
#   pollux  boots Pollux once per program under QEMU with -icount shift=0:
#           guest time follows executed instructions (1 ns each), so the
#           figures are deterministic and a "cycle" is one instruction;
#   linux   runs the same static binaries natively on this machine.
# BENCH_DIR holds the built programs (build/bench).
set -e
target=$1 dir=$2
progs="wait ctl pingpong conns herd"
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/bench/results
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# gnuplot is needed only here (bench/need-tool.sh installs it if missing;
# the X11 and font packages a plot into an SVG file never uses are left out).
check_gnuplot() {
	"$top/bench/need-tool.sh" gnuplot gnuplot-nox
}

# Boot Pollux with $1 as init; its console output on stdout, kernel log in $tmp/klog.
# slub_debug=-, lockdep.prove_locking=0: the figures are those of the
# allocator and the locks without their checks.
run_pollux() {
	prog=$dir/$1
	"$top/tools/mkinitrd.sh" "$tmp/initrd.cpio" "$prog"
	"$top/tools/mkiso.sh" "$tmp/pollux.iso" "$top/build/pollux.elf" "$tmp/initrd.cpio" \
		test klog=debugcon slub_debug=- lockdep.prove_locking=0 "init=/bin/$1"
	: > "$tmp/console"
	timeout 240 qemu-system-x86_64 -cpu max -m 512M -no-reboot -display none \
		-icount shift=0,sleep=off \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-chardev file,id=com1,path="$tmp/console" -serial chardev:com1 \
		-debugcon file:"$tmp/klog" -cdrom "$tmp/pollux.iso" || true
	tr -d '\r' < "$tmp/console"
	grep -q "init exited: status 0$" "$tmp/klog" || {
		echo "bench: $1 failed in Pollux; kernel log:" >&2
		cat "$tmp/klog" >&2
		exit 1
	}
}

run() {
	if [ "$target" = pollux ]; then run_pollux "$1"; else "$dir/$1"; fi
}

# Pollux has no /proc: the sizes come from the boot log line and, for
# struct eventpoll (one per instance), from the kernel's debug info.
pollux_mem() {
	line=$(grep "eventpoll: max_user_watches" "$tmp/klog")
	echo "# $line"
	epi=$(echo "$line" | sed 's/.*(epitem \([0-9]*\) + eppoll_entry \([0-9]*\) bytes).*/\1 \2/')
	set -- $epi
	ep=$(gdb -batch -ex 'print sizeof(struct eventpoll)' "$top/build/pollux.elf" | sed 's/.* = //')
	file=$(gdb -batch -ex 'print sizeof(struct file)' "$top/build/pollux.elf" | sed 's/.* = //')
	printf "%-10s %-12s %6s %12s\n" bench what k bytes
	printf "%-10s %-12s %6s %12d  # struct eventpoll %d + struct file %d\n" \
		mem instance - $((ep + file)) "$ep" "$file"
	printf "%-10s %-12s %6s %12d  # epitem %d + eppoll_entry %d\n" \
		mem watch - $(($1 + $2)) "$1" "$2"
}

# Into a file first, not through tee: a failing program must stop the script.
for p in $progs; do
	echo "== $p ($target)"
	run "$p" > "$tmp/$p.out"
	cat "$tmp/$p.out"
done
# Independent ping-pong pairs on 1 and on 2 CPUs (bench/pairs.c): wall
# clock, so Pollux boots without -icount (QEMU's multi-threaded TCG, a
# host thread per virtual CPU) and the figures vary with the host's load.
# Each is run three times, alternately (1, 2, 1, 2, 1, 2), and the best
# of each kept: the host's other work only ever slows a run down, and
# alternating spreads it over both (docs/benchmarks.md, "Independent
# pairs").
pairs_on() {	# pairs_on NCPUS: pairs' "# pairs:" line
	if [ "$target" = pollux ]; then
		"$top/tools/run-elf" --smp "$1" --timeout 240 \
			--cmdline "slub_debug=- lockdep.prove_locking=0" "$dir/pairs" 2 20000
	else
		taskset -c "$(seq -s, 0 $(($1 - 1)))" "$dir/pairs" 2 20000
	fi
}
echo "== pairs ($target): 2 independent epoll ping-pong pairs on 1, then 2 CPUs, 3 times"
for i in 1 2 3; do
	for n in 1 2; do
		pairs_on $n > "$tmp/pairs.out" || { cat "$tmp/pairs.out"; exit 1; }
		echo "$n CPU(s): $(cat "$tmp/pairs.out")"
		sed -n "s/.*: \([0-9]*\) round trips per second$/$n \1/p" "$tmp/pairs.out" >> "$tmp/pairs.runs"
	done
done
awk -v csv="$out/$target-pairs.csv" '$2 > best[$1] { best[$1] = $2 }
     END { printf "cpus,round_trips_per_second\n1,%d\n2,%d\n", best[1], best[2] > csv
	   printf "pairs: best of 3, 2 CPUs / 1 CPU = %.2f\n", best[2] / best[1] }' "$tmp/pairs.runs"

echo "== mem ($target)"
if [ "$target" = pollux ]; then pollux_mem > "$tmp/mem.out"; else "$dir/mem" > "$tmp/mem.out"; fi
cat "$tmp/mem.out"

# Rows "bench api n cycles ns" -> CSV; comment and header lines dropped.
cat "$tmp"/wait.out "$tmp"/ctl.out "$tmp"/pingpong.out "$tmp"/conns.out |
	awk 'BEGIN { print "bench,api,n,cycles_per_op,ns_per_op" }
	     $1 != "bench" && $1 !~ /^#/ { print $1 "," $2 "," $3 "," $4 "," $5 }' \
	> "$out/$target.csv"
awk 'BEGIN { print "api,k,wakeups_per_event" } $1 == "herd" { print $2 "," $3 "," $4 }' \
	"$tmp/herd.out" > "$out/$target-herd.csv"
awk 'BEGIN { print "what,bytes" } $1 == "mem" { print $2 "," $4 }' \
	"$tmp/mem.out" > "$out/$target-mem.csv"
echo "bench: wrote bench/results/$target.csv, $target-mem.csv, $target-herd.csv and $target-pairs.csv"

check_gnuplot || exit 0
for api in epoll_wait poll select; do
	awk -F, -v api="$api" '$1 == "wait" && $2 == api && $4 != "n/a" { print $3, $4 }' \
		"$out/$target.csv" > "$tmp/$api.dat"
done
gnuplot -e "target='$target'; dir='$tmp'; outfile='$out/$target.svg'" \
	"$top/bench/plot.gp"
echo "bench: wrote bench/results/$target.svg"
