#!/bin/sh
# Run each unit test binary given as an argument, show its output, and end
# with the combined "N passed, M failed".  A binary that crashes, or whose
# exit status disagrees with its own summary, counts as one more failure.
# Exit status: 0 iff nothing failed.
pass=0
fail=0
for t in "$@"; do
	echo "# $t"
	out=$("$t" 2>&1)
	status=$?
	printf '%s\n' "$out"
	summary=$(printf '%s\n' "$out" | tail -n 1)
	p=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then
		echo "not ok - $t crashed or printed no summary (exit status $status)"
		p=0
		f=1
	elif [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $t exited with status $status"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
