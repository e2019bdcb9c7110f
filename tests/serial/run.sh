#!/bin/sh
# Harness-driven serial tests: each program in tests/serial/ runs in
# Pollux with COM2 (/dev/ttyS1) connected to us; when it prints "waiting",
# we send "ping" into COM2 (tools/run-elf --serial-input); then the
# demo-ttyS1 program gets two lines.
set -u
cd "$(dirname "$0")/../.."
pass=0 fail=0
for t in build/serial/*; do
	name=$(basename "$t")
	out=$(tools/run-elf --timeout 60 --serial-input waiting ping "$t" 2>&1)
	rc=$?
	echo "$out" | sed "s/^/$name: /"
	if [ $rc = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
# The README's /dev/ttyS1 demo (user/demo-ttyS1.c): two lines typed into
# COM2 reach it through epoll, as they do on Linux through a pty (where
# the first line names /dev/pts/N).
want='demo-ttyS1: waiting for lines on /dev/ttyS1 and the console; "quit" ends
ttyS1: hello
ttyS1: quit
demo-ttyS1: bye'
out=$(tools/run-elf --timeout 60 --serial-input waiting 'hello
quit
' build/user/demo-ttyS1 2>&1)
echo "$out" | sed "s/^/demo-ttyS1: /"
if [ "$out" = "$want" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
