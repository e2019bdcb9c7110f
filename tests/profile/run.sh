#!/bin/sh
# make test's profiler stage (docs/profiling.md): tools/profile's folding
# and flame graph on fixed input (check_tools.py), then two profiled boots
# of a short ping-pong (build/bench/pingpong 5000, profile=stack,2 and HPET
# NMIs under -icount), which must have given
#   - /proc/profile in Linux's format: first word the step (4), then one
#     counter per 4 bytes of kernel text and one for user mode;
#   - samples in the ping-pong's kernel paths: a write into the pipe and
#     an epoll_wait that returns its event, as chains in the folded stacks;
#   - the same samples in the histogram as in the stacks (within 2%: the
#     dump's own reading of the first file is sampled in the second);
#   - the same profile, byte for byte, at both runs.
# Ends with "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/pollux-profile.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {	# check WHAT COMMAND...: ok if COMMAND succeeds
	what=$1; shift
	if "$@"; then
		echo "ok - $what"; pass=$((pass + 1))
	else
		echo "not ok - $what"; fail=$((fail + 1))
	fi
}

tests/profile/check_tools.py > "$tmp/tools.out"
grep -v '^ok \|passed, ' "$tmp/tools.out"
p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$tmp/tools.out")
f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$tmp/tools.out")
pass=$((pass + ${p:-0})) fail=$((fail + ${f:-1}))

for run in 1 2; do
	tools/profile --timeout 120 --out "$tmp/run$run" build/bench/pingpong 5000 \
		> "$tmp/run$run.out" 2>&1 || { cat "$tmp/run$run.out"; fail=$((fail + 1)); }
done
r=$tmp/run1

# profile.bin: u32 words, the step then (text + 3) / 4 + 1 counters
header_ok() {
	set -- $(nm build/pollux.elf | awk '$3 == "_text" { t = $1 } $3 == "_etext" { e = $1 }
		END { print t, e }')
	# both in the top 2 GiB: the low 32 bits make the difference
	words=$(( (0x$(echo $2 | cut -c9-) - 0x$(echo $1 | cut -c9-) + 3) / 4 + 2 ))
	step=$(od -An -tu4 -N4 "$r/profile.bin" | tr -d ' ')
	size=$(wc -c < "$r/profile.bin")
	[ "$step" = 4 ] && [ "$size" = $((words * 4)) ] ||
		{ echo "# step $step, $size bytes; expected 4 and $((words * 4))"; return 1; }
}
check "/proc/profile: step 4, a counter per 4 bytes of text and one for user mode" header_ok
check "a chain sys_write -> pipe_write -> __wake_up_sync_key -> ep_poll_callback in the stacks" \
	grep -q 'sys_write;.*do_iter_rw;pipe_write;__wake_up_sync_key;.*ep_poll_callback' "$r/stacks.folded"
check "a chain sys_epoll_wait -> do_epoll_wait -> schedule in the stacks" \
	grep -q 'sys_epoll_wait;do_epoll_wait;.*schedule' "$r/stacks.folded"
check "[user] samples are counted apart" grep -q '^\[user\] [0-9]' "$r/stacks.folded"
same_total() {
	hist=$(od -An -tu4 -v -j4 "$r/profile.bin" | awk '{ for (i = 1; i <= NF; i++) s += $i } END { print s }')
	stacks=$(awk '{ s += $NF } END { print s }' "$r/stacks.folded")
	echo "# $hist samples in /proc/profile, $stacks in /proc/profile_stacks"
	[ "$hist" -gt 1000 ] && [ $(( (stacks - hist) * 50 )) -le "$hist" ] &&
		[ $(( (hist - stacks) * 50 )) -le "$hist" ]
}
check "the histogram and the stacks hold the same samples (within 2%)" same_total
same_runs() {
	for f in profile.bin stacks.folded flat.txt flame.svg console.txt; do
		cmp "$tmp/run1/$f" "$tmp/run2/$f" || return 1
	done
}
check "two -icount runs give the same profile, byte for byte" same_runs
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
