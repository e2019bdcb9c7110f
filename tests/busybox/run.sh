#!/bin/sh
# Busybox on Pollux: tests/busybox/session.sh (with a 5,000-character
# line added) run by busybox's ash in Pollux and natively on this Linux;
# the two outputs must be the same.  Then tests/busybox/interactive.py:
# job control typed at make run's shell, as at Linux's.  Natively the shell runs under a
# pseudo-terminal, in Pollux on the console (tools/run-elf): both give it
# a controlling terminal, which its job control (set -m) needs.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
long=$(printf '%05000d' 0 | tr 0 x)
# the long line: a command of 5,000 characters, then its output's length
sed "s/^LONGLINE\$/echo $long | wc -c/" tests/busybox/session.sh > "$tmp/session"
[ "$(grep -c "^echo x* | wc -c\$" "$tmp/session")" = 1 ] || echo "run.sh: no long line" >&2
script=$(cat "$tmp/session")

python3 - "$script" > "$tmp/linux" <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv("/bin/busybox", ["busybox", "sh", "-c", sys.argv[1]])
out = b""
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    out += data
os.waitpid(pid, 0)
sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
PY
tools/run-elf --timeout 120 /bin/busybox sh -c "$script" > "$tmp/pollux" 2>&1 < /dev/null
rc=$?
pass=0 fail=0
if [ $rc = 0 ] && cmp -s "$tmp/linux" "$tmp/pollux"; then
	echo "ok - busybox session: the same output in Pollux as on Linux ($(wc -l < "$tmp/linux") lines)"
	pass=$((pass + 1))
else
	diff "$tmp/linux" "$tmp/pollux"
	echo "not ok - busybox session (run-elf status $rc)"
	fail=$((fail + 1))
fi
# the same shell typed at in make run: Ctrl-Z, jobs, bg, fg
if python3 tests/busybox/interactive.py; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
