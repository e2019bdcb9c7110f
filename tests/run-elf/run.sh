#!/bin/sh
# tools/run-elf, make run and make run PROGS=: each promise checked, the program
# being busybox (its sh, cat) or a host-built C program, against the same
# run natively on this Linux where there is one.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $1"; fail=$((fail + 1)); }
check() {	# check WHAT FILE-WANTED FILE-GOT
	if cmp -s "$2" "$3"; then ok "$1"; else diff "$2" "$3"; not_ok "$1"; fi
}
bb="/bin/busybox"

# Any argument text: |, quotes, blanks, newlines, an empty one, 5000 bytes
long=$(printf '%05000d' 0)
args_sh='printf "[%s]\n" "$@"; exit 3'
set -- 'a | b' "it's" 'x"y' '' 'two
lines' '$HOME;&<>' "$long"
"$bb" sh -c "$args_sh" sh "$@" > "$tmp/args.linux"; echo "status $?" >> "$tmp/args.linux"
tools/run-elf "$bb" sh -c "$args_sh" sh "$@" > "$tmp/args.pollux" </dev/null; echo "status $?" >> "$tmp/args.pollux"
check "arguments with |, quotes, newlines, an empty one and 5000 bytes, and the status, as on Linux" \
	"$tmp/args.linux" "$tmp/args.pollux"

# --env NAME=VALUE, beside HOME and TERM (what Linux gives init)
printf 'A=1\nB=x|y z\nHOME=/\nTERM=linux\n' > "$tmp/env.want"
tools/run-elf --env A=1 --env 'B=x|y z' "$bb" sh -c 'env | sort' > "$tmp/env.got" </dev/null
grep -E '^(HOME|TERM|A|B)=' "$tmp/env.got" > "$tmp/env.got2"
check "--env NAME=VALUE reaches the program's environment" "$tmp/env.want" "$tmp/env.got2"

# stdin passed through, its end an end of file (a last line without \n too)
printf 'one\ntwo | three\nlast' > "$tmp/in"
tools/run-elf "$bb" cat < "$tmp/in" > "$tmp/cat.got"
check "stdin is the program's, up to its end (cat)" "$tmp/in" "$tmp/cat.got"

# stderr apart from stdout
tools/run-elf "$bb" sh -c 'echo out; echo err >&2; echo out2' \
	> "$tmp/so" 2> "$tmp/se" </dev/null
printf 'out\nout2\n' > "$tmp/so.want"
printf 'err\n' > "$tmp/se.want"
if cmp -s "$tmp/so" "$tmp/so.want" && cmp -s "$tmp/se" "$tmp/se.want"; then
	ok "stderr comes out on stderr, stdout on stdout"
else
	cat "$tmp/so" "$tmp/se"; not_ok "stderr kept apart from stdout"
fi

# four threads on four CPUs writing lines at once: each write() comes out
# whole on the console, as on Linux (the lines sorted: their order varies)
gcc -static -O2 -pthread -o "$tmp/console_lines" tests/run-elf/console_lines.c
"$tmp/console_lines" | sort > "$tmp/lines.linux"
tools/run-elf "$tmp/console_lines" < /dev/null | sort > "$tmp/lines.pollux"
check "four threads' lines written at once on four CPUs reach the console whole, as on Linux" \
	"$tmp/lines.linux" "$tmp/lines.pollux"

# output streamed: the first line is here seconds before the program ends
if python3 - <<'PY'
import subprocess, sys, time
p = subprocess.Popen(["tools/run-elf", "/bin/busybox", "sh", "-c",
                      "echo first; sleep 4; echo second"],
                     stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
first = p.stdout.readline()
t = time.time()
rest = p.stdout.read()
p.wait()
late = time.time() - t
print("# first line %r, %.1f s before the end" % (first, late))
sys.exit(0 if first == b"first\n" and rest == b"second\n" and late > 2 else 1)
PY
then ok "output streamed as it comes"; else not_ok "output streamed as it comes"; fi

# a dynamically linked ELF: a clear message, no boot
printf 'int main(void) { return 0; }\n' > "$tmp/dyn.c"
gcc -o "$tmp/dyn" "$tmp/dyn.c"
tools/run-elf "$tmp/dyn" > "$tmp/dyn.out" 2>&1 </dev/null; rc=$?
if [ $rc = 126 ] && grep -q 'is dynamically linked .*: build it with -static$' "$tmp/dyn.out" &&
   ! grep -qi panic "$tmp/dyn.out"; then
	ok "a dynamically linked ELF: \"build it with -static\", status 126"
else
	cat "$tmp/dyn.out"; not_ok "a dynamically linked ELF (status $rc)"
fi

# make run PROGS=...: the static ELFs in /bin; a dynamic one refused
gcc -static -o "$tmp/hello" "$tmp/dyn.c"
make --no-print-directory -s build/initrd-progs.cpio PROGS="$tmp/hello" > "$tmp/progs.out" 2>&1
if cpio -it < build/initrd-progs.cpio 2>/dev/null | grep -qx 'bin/hello'; then
	ok "make run PROGS=...: the program is in /bin"
else
	cat "$tmp/progs.out"; not_ok "make run PROGS=...: the program is in /bin"
fi
make --no-print-directory -s build/initrd-progs.cpio PROGS="$tmp/dyn" > "$tmp/progs.out" 2>&1
if grep -q 'dynamically linked: build it with -static' "$tmp/progs.out"; then
	ok "make run PROGS=...: a dynamically linked program refused"
else
	cat "$tmp/progs.out"; not_ok "make run PROGS=...: a dynamically linked program refused"
fi
rm -f build/initrd-progs.cpio

# make run and make run NET=1, the README's commands, typed at as a user
# would (under a pseudo-terminal): the shell's prompt, a command's answer,
# Ctrl-a x ends QEMU with status 0.
for net in "" NET=1; do
	if python3 - $net <<'PY'
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp("make", ["make", "--no-print-directory", "-s", "run"] + sys.argv[1:])
out, deadline = b"", time.time() + 240
def until(want):	# reads until want is in the output (False at the deadline)
    global out
    while want not in out:
        if not select.select([fd], [], [], max(0, deadline - time.time()))[0]:
            return False
        try:
            out += os.read(fd, 4096)
        except OSError:
            return False
    return True
ok = until(b"Welcome to Pollux") and until(b"# ")
if ok:
    os.write(fd, b"echo run-$((6 * 7))\r")
    ok = until(b"run-42")
os.write(fd, b"\x01x")
until(b"\0")	# to the end of QEMU's output
_, status = os.waitpid(pid, 0)
if not ok or status != 0:
    sys.stdout.write(out[-2000:].decode(errors="replace") + "\n")
sys.exit(0 if ok and status == 0 else 1)
PY
	then ok "make run${net:+ $net}: boots to the shell, which answers; Ctrl-a x quits"
	else not_ok "make run${net:+ $net}: boots to the shell, which answers; Ctrl-a x quits"
	fi
done

echo "$pass passed, $fail failed"
[ $fail = 0 ]
