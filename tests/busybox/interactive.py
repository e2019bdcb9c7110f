#!/usr/bin/env python3
"""Job control typed at busybox's ash as a user types it: `make run` under a
pseudo-terminal (the README's command; Ctrl-Z from the keyboard, the
console's job control, at make run's SMP CPUs, 4 by default), and the same keys typed at
busybox's ash natively on this Linux under a pseudo-terminal.  The two
transcripts must be the same.  Prints "ok - ..." or "not ok - ..." and the
two transcripts' difference; exit status 1 if they differ.

Two jobs stopped with Ctrl-Z, jobs, bg, fg and Ctrl-Z again, then both
killed while one runs (typed so, Pollux's shell once died of a page fault
in glibc's strcmp: a SIGCHLD handler's return gave back a wrong rcx; the
400 jobs of tests/busybox/session.sh make that happen every time).

usage: tests/busybox/interactive.py
"""
import difflib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import tempfile
import termios
import time


class Terminal:
    """A program on a pseudo-terminal of 24 x 80, typed at and read."""

    def __init__(self, argv, cwd, env=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            if env is None:
                os.execvp(argv[0], argv)
            os.execve(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.seen = ""

    def expect(self, want, timeout=120):
        """Reads until want; returns what came before it and want, and
        keeps the rest.  Raises TimeoutError at the deadline or EOF."""
        deadline = time.time() + timeout
        while want not in self.seen:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise TimeoutError("no %r after %r" % (want, self.seen[-300:]))
            try:
                data = os.read(self.fd, 4096)
            except OSError:
                data = b""
            if not data:
                raise TimeoutError("end of output before %r" % want)
            self.seen += data.decode(errors="replace")
        i = self.seen.index(want) + len(want)
        text, self.seen = self.seen[:i], self.seen[i:]
        return text

    def send(self, text):
        os.write(self.fd, text.encode())

    def wait(self, timeout):
        """The exit status, the program killed if it is still there."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return status
            time.sleep(0.2)
        os.kill(self.pid, signal.SIGKILL)
        return os.waitpid(self.pid, 0)[1]


ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
STOP = "\x1a"     # Ctrl-Z
# (line typed, keys sent after it, what to wait for then)
SESSION = [
    ("sleep 100", STOP, "Stopped"),
    ("sleep 200", STOP, "Stopped"),
    ("jobs", None, None),
    ("bg %1", None, None),
    ("jobs", None, None),
    ("fg %2", STOP, "Stopped"),
    ("kill %1 %2; kill -CONT %2; sleep 1; jobs; echo killed", None, None),
    ("jobs; echo after", None, None),
]


def type_session(t):
    """Types SESSION at the prompt; returns what the terminal showed."""
    t.expect("# ")
    out = ""
    for line, keys, wait in SESSION:
        t.send(line + "\r")
        if keys:
            time.sleep(2)   # the command has started
            t.send(keys)
            out += t.expect(wait)
        out += t.expect("# ")
    return out


def normalise(text):
    """Without the line discipline's \\r and ash's cursor query (ESC [6n);
    the prompt's directory is "~" in Pollux (/etc/passwd: root's home is
    /), "/" here (/root): both become "# "."""
    text = re.sub(r"\x1b\[6n", "", text).replace("\r", "")
    return re.sub(r"(^|\n)[~/] # ", r"\1# ", text)


def native():
    bindir = tempfile.mkdtemp()
    for applet in ("sleep", "kill"):
        os.symlink("/bin/busybox", os.path.join(bindir, applet))
    t = Terminal(["/bin/busybox", "sh"], "/",
                 {"PATH": bindir, "HOME": "/", "TERM": "linux"})
    out = type_session(t)
    t.send("exit\r")
    t.wait(10)
    for applet in ("sleep", "kill"):
        os.unlink(os.path.join(bindir, applet))
    os.rmdir(bindir)
    return out


def pollux():
    t = Terminal(["make", "--no-print-directory", "-s", "run"], ROOT)
    t.expect("Welcome to Pollux", timeout=600)
    out = type_session(t)
    t.send("\x01x")   # Ctrl-a x: QEMU quits
    t.wait(30)
    return out


def main():
    try:
        want, got = normalise(native()), normalise(pollux())
    except TimeoutError as e:
        print("not ok - busybox ash, job control typed at make run: %s"
              % str(e).splitlines()[0])
        return 1
    if want == got:
        print("ok - busybox ash, job control typed at make run: as on Linux "
              "(%d lines)" % want.count("\n"))
        return 0
    sys.stdout.writelines(difflib.unified_diff(
        want.splitlines(True), got.splitlines(True), "linux", "pollux"))
    print("not ok - busybox ash, job control typed at make run")
    return 1


if __name__ == "__main__":
    sys.exit(main())
