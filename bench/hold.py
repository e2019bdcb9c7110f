#!/usr/bin/env python3
"""How many concurrent connections the demo server holds (bench/httpd-wrk.sh).

usage: bench/hold.py PORT N

Opens up to N keep-alive connections to 127.0.0.1:PORT (QEMU's forwarded
port), one request each, all left open; then a second request on every
connection that answered, to show it is still held.  Prints how many
answered both times, and how long it took.
"""
import resource, socket, sys, time

REQ = b"GET / HTTP/1.1\r\nHost: pollux\r\n\r\n"


def answer(s):
    """Reads one response (headers and its Content-Length body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            return False
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = int([l for l in head.split(b"\r\n")
                  if l.lower().startswith(b"content-length:")][0].split()[1])
    while len(body) < length:
        chunk = s.recv(4096)
        if not chunk:
            return False
        body += chunk
    return True


def main():
    port, n = int(sys.argv[1]), int(sys.argv[2])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    n = min(n, hard - 64)
    conns, t0 = [], time.time()
    for _ in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=20)
            s.sendall(REQ)
            if not answer(s):
                break
            conns.append(s)
        except OSError as e:
            print("# hold: connection %d: %s" % (len(conns) + 1, e))
            break
    opened = time.time() - t0
    again, errors = 0, {}
    for i, s in enumerate(conns):
        try:
            s.sendall(REQ)
            ok = answer(s)
            why = "end of input"
        except OSError as e:
            ok, why = False, type(e).__name__
        again += ok
        if not ok:
            errors.setdefault(why, []).append(i)
    print("held: %d of %d connections open at once (%.1f s to open), "
          "%d answered again" % (len(conns), n, opened, again))
    for why, idx in errors.items():
        print("# hold: %d failed the second time (%s), the first #%d" %
              (len(idx), why, idx[0]))
    for s in conns:
        s.close()


if __name__ == "__main__":
    main()
