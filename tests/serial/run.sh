#!/bin/sh
# Harness-driven serial tests: each program in tests/serial/ runs in
# Pollux with COM2 (/dev/ttyS1) connected to us; when it prints "waiting",
# we send "ping" into COM2 (tools/run-elf --serial-input).
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
echo "$pass passed, $fail failed"
[ $fail = 0 ]
