# A scripted busybox ash session, the same text run in Pollux (through
# tools/run-elf) and natively on Linux (under a pseudo-terminal) by
# tests/busybox/run.sh, which compares the two outputs.  Only what does
# not depend on the machine is printed (no pids, times or host files).
set -m
exec 2>&1	# one stream: the shell's messages in order with the output
d=$(mktemp -d)
echo "== pipelines"
echo one two three four | tr ' ' '\n' | sort -r | head -n 3 | tr '\n' ' '; echo
seq 1 100 | grep 7 | wc -l
true | false; echo "true | false: $?"
false | true; echo "false | true: $?"
echo "== redirection"
echo hello > "$d/f"; echo world >> "$d/f"; cat < "$d/f"; wc -l < "$d/f"
{ echo to-stderr >&2; echo to-stdout; } > "$d/out" 2> "$d/err"
cat "$d/out" "$d/err"
ls -1 "$d"
echo "== \$?"
false; echo "false: $?"
(exit 7); echo "(exit 7): $?"
sh -c 'exit 3'; echo "sh -c 'exit 3': $?"
nosuchcommand 2>/dev/null; echo "not found: $?"
sh -c 'kill -TERM $$'; echo "killed by SIGTERM: $?"
echo "== two stopped jobs"
# a job is stopped once it runs sleep (not while it is still the shell's
# fork), and seen stopped before the next starts: the same jobs each time
exec_sleep() { until [ "$(cat /proc/$1/comm)" = sleep ]; do sleep 0.1; done; }
sleep 100 &
exec_sleep $!
kill -STOP %1
sleep 1
sleep 200 &
exec_sleep $!
kill -STOP %2
sleep 1
jobs
# the state letter alone: an N (niced) follows it when make test runs under nice
ps -o ppid,stat,comm | awk -v p=$$ '$1 == p && $3 == "sleep" { print substr($2, 1, 1), $3 }'
bg %1
jobs
kill %1 %2
kill -CONT %2
wait
echo "jobs after kill: $(jobs | wc -l)"
echo "== a background job reading the terminal"
cat &
sleep 1
jobs
kill %cat
kill -CONT %cat
wait
echo "== jobs that end while the shell runs its own code"
# each SIGCHLD's handler interrupts the loop wherever it is (the IPI of
# another CPU), and its return must give back every register
i=0; n=0; s=""
while [ $i -lt 400 ]; do
	true &
	case "$i" in *7*) n=$((n+1));; esac
	s="$s$i"; i=$((i+1))
done
wait
echo "400 jobs: $n with a 7, ${#s} digits"
echo "== a long line"
LONGLINE
rm -r "$d"
echo "== done"
