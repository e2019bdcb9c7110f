#!/bin/sh
# A trace=sched,epoll boot of build/gdb/gdb-nested (nested epolls, a poller,
# a writer: tests/gdb/gdb-nested.c), its kernel log turned into Chrome
# trace-event JSON by tools/trace2perfetto, and the JSON validated by
# tests/trace/check.py.  Ends with "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/pollux-trace.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
tools/run-elf --timeout 60 --cmdline trace=sched,epoll --klog "$tmp/klog" \
	build/gdb/gdb-nested > "$tmp/out" 2>&1; rc=$?
if [ $rc != 0 ]; then
	cat "$tmp/out" "$tmp/klog"
	echo "not ok - gdb-nested with trace=sched,epoll: status $rc"
	echo "0 passed, 1 failed"
	exit 1
fi
tools/trace2perfetto "$tmp/klog" > "$tmp/trace.json" &&
	tests/trace/check.py "$tmp/trace.json"
