#!/usr/bin/env python3
"""Validates the Chrome trace-event JSON that tools/trace2perfetto made of a
trace=sched,epoll boot of build/gdb/gdb-nested (tests/gdb/gdb-nested.c):
the format (every begin has its end on the same track, in order; each
flow id has one start and one end; every track is named), then the
events that program must show.  Prints "ok - ..." / "not ok - ..." and
"N passed, M failed"; exit status 1 if any failed.

usage: tests/trace/check.py TRACE.json
"""
import json
import sys

results = []


def check(ok, what):
    results.append(bool(ok))
    print("%s - %s" % ("ok" if ok else "not ok", what))


def slices(events):
    """Complete slices from B/E pairs: (pid, tid, name, begin, end), and
    whether every pair matched (same track, same name, innermost first)."""
    stacks, out, ok = {}, [], True
    for e in events:
        track = (e["pid"], e.get("tid"))
        if e["ph"] == "B":
            stacks.setdefault(track, []).append(e)
        elif e["ph"] == "E":
            stack = stacks.get(track) or [None]
            b = stack.pop()
            if b is None or b["name"] != e["name"] or b["ts"] > e["ts"]:
                ok = False
                continue
            out.append((track[0], track[1], b["name"], b["ts"], e["ts"]))
    return out, ok and not any(stacks.values())


def main(path):
    with open(path) as f:
        events = json.load(f)["traceEvents"]
    timed = [e for e in events if e["ph"] != "M"]
    check(timed, "the trace holds events (%d)" % len(timed))

    done, paired = slices(timed)
    check(paired, "every begin (B) has its end (E) on its track, innermost first")
    flows = {}
    for e in timed:
        if e["ph"] in "sf":
            flows.setdefault(e["id"], []).append(e)
    check(flows and all(sorted(x["ph"] for x in v) == ["f", "s"] and
                        v[0]["ts"] <= v[1]["ts"] for v in flows.values()),
          "each flow id has one start and one later end (%d wake-ups)" % len(flows))
    named = {(e["pid"], e.get("tid")) for e in events
             if e["ph"] == "M" and e["name"] == "thread_name"}
    check({(e["pid"], e.get("tid")) for e in timed} <= named,
          "every track is named (thread_name)")
    # Tasks run on any CPU (the line's cpuN): some CPU track shows pid 1.
    cpus = {(e["pid"], e.get("tid")) for e in events if e["ph"] == "M" and
            e["name"] == "thread_name" and e["args"]["name"].startswith("cpu")}
    check(any(s[:2] in cpus and s[2] == "gdb-nested/1" for s in done),
          "a cpuN track shows pid 1 running")
    # The CPUs' lines merged in time order: no task on two CPUs at once.
    runs = sorted((s[3], s[4], s[2]) for s in done
                  if s[:2] in cpus and not s[2].startswith("idle/"))
    check(not any(a[2] == b[2] and b[0] < a[1]
                  for i, a in enumerate(runs) for b in runs[i + 1:]),
          "no task runs on two CPU tracks at once (%d CPUs)" % len(cpus))

    def within(pid, outer, inner):
        return any(o[0] == pid and o[2] == outer and
                   any(i[0] == pid and i[2] == inner and o[3] <= i[3] and
                       i[4] <= o[4] for i in done) for o in done)
    check(within(1, "epoll_wait", "sleeping (S)"),
          "pid 1 sleeps inside its epoll_wait slice")
    check(within(1, "epoll_wait", "runnable"),
          "pid 1 is runnable, woken, inside epoll_wait")
    check(within(2, "poll", "sleeping (S)"), "pid 2 sleeps inside poll")

    def instants(name, **args):
        return [e for e in timed if e["ph"] == "i" and e["name"] == name and
                all(e["args"].get(k) == v for k, v in args.items())]
    for tfd in ("3", "7"):
        cb = instants("ep_poll_callback", tfd=tfd, waker="gdb-nested/3")
        check(cb and cb[0]["pid"] == 3 and any(
            s[0] == 3 and s[2] == "write" and s[3] <= cb[0]["ts"] <= s[4]
            for s in done),
            "ep_poll_callback for tfd %s, waker pid 3, inside its write" % tfd)
    wake = instants("sched_wakeup gdb-nested/1", waker="gdb-nested/3")
    check(wake and any(f[0]["pid"] == 3 and f[1]["pid"] == 1
                       for f in (sorted(v, key=lambda x: x["ph"] != "s")
                                 for v in flows.values())),
          "pid 3 wakes pid 1: an instant and an arrow from pid 3 to pid 1")
    check(instants("sched_wakeup gdb-nested/3", waker="irq"),
          "the timer interrupt wakes pid 3 from its usleep (waker irq)")
    check(instants("ep_insert", tfd="5", events="0x80000019", data="0x1005"),
          "ep_insert of fd 5 with its mask and data")
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
