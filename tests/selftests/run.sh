#!/bin/sh
# make selftests: Linux's epoll selftests (build/selftests/, built from
# Debian's linux-source-6.12 unmodified, glibc and musl) each in one Pollux
# boot (tools/run-elf), or natively with --linux-only (make test-linux).
# Each kselftest TAP line "ok N epollN" / "not ok N epollN" becomes one
# "ok - LIBC epollN" / "not ok - ..." line here; a test of the plan
# ("1..N") that printed no result (a hang, a panic) is a "not ok" too.
# The tests tests/selftests/EXCEPTIONS names (with the cause), and with
# SMP=1 those of EXCEPTIONS.smp1, are left out
# in Pollux by the harness's own -T NAME, and shown as "skip - ...".
# The last line is "N passed, M failed" (tools/test-all.sh adds it up).
#
#   tests/selftests/run.sh [--linux-only] [BINARY...]   (default: both)
set -u
cd "$(dirname "$0")/../.."
B=build/selftests
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
where=Pollux
[ "${1:-}" = --linux-only ] && { where=Linux; shift; }
[ $# = 0 ] && set -- $B/epoll_wakeup_test $B/epoll_wakeup_test.musl
pass=0 fail=0
# the exceptions, and with one CPU (SMP=1) those lines of
# EXCEPTIONS.smp1 too (tests that need two CPUs running at once)
exceptions() {
	grep -hv '^#' tests/selftests/EXCEPTIONS
	[ "${SMP:-4}" = 1 ] && grep -hv '^#' tests/selftests/EXCEPTIONS.smp1
}
excluded=$(exceptions | cut -f 1)

for bin; do
	case $bin in *.musl) libc=musl;; *) libc=glibc;; esac
	start=$(date +%s)
	if [ $where = Linux ]; then
		"$bin" > "$tmp/out" 2>&1 < /dev/null; rc=$?
	else
		exceptions | while IFS='	' read -r name cause; do
			echo "skip - $libc $name ($cause)"
		done
		# shellcheck disable=SC2046
		tools/run-elf --timeout 600 --klog "$tmp/klog" "$bin" \
			$(for n in $excluded; do echo "-T $n"; done) > "$tmp/out" 2>&1; rc=$?
	fi
	echo "# $libc in $where: exit status $rc, $(( $(date +%s) - start )) s"
	# the failing tests' own lines (assertions, timeouts) are kept
	awk -v libc=$libc '
		/^1\.\.[0-9]+$/ { plan = substr($0, 4) + 0 }
		/^(not )?ok [0-9]+ / {
			n = ($1 == "ok") ? $2 : $3; seen[n] = 1
			name = $NF
			sub(/^global\./, "", name)
			if ($1 == "ok") print "ok - " libc " " name
			else { print msg; print "not ok - " libc " " name }
			msg = ""; next
		}
		/^#  RUN / { msg = ""; next }
		/^# / { msg = msg (msg == "" ? "" : "\n") $0 }
		END {
			if (plan == 0) print "not ok - " libc ": no TAP plan (1..N) in the output"
			for (i = 1; i <= plan; i++)
				if (!(i in seen)) print "not ok - " libc " test " i ": no result (hang or crash)"
		}' "$tmp/out" > "$tmp/tap"
	cat "$tmp/tap"
	if grep -q '^not ok .*: no' "$tmp/tap" && [ $where = Pollux ]; then
		echo "# the run's last lines, then the kernel log's:"
		tail -n 15 "$tmp/out"; tail -n 30 "$tmp/klog" 2>/dev/null
	fi
	pass=$((pass + $(grep -c '^ok ' "$tmp/tap")))
	fail=$((fail + $(grep -c '^not ok ' "$tmp/tap")))
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
