"""gdb helpers for Pollux, in the style of Linux's scripts/gdb (lx-ps,
lx-dmesg, lx-symbols, $lx_task_by_pid): they read the kernel's own structures through
the DWARF types of build/pollux.elf, so they follow the C code as it
changes and never hard-code an offset.

    pollux-ps                 tasks by process: pid, tid, CPU, state,
                              comm, what each sleeps on
    pollux-files PID          the fd table of a task
    pollux-epoll PID FD       the epoll instance behind a fd: interest set
                              (Linux's fdinfo lines), ready list, waiters
    pollux-epoll --dot FILE PID FD
                              the same, and the nested instances, as a
                              Graphviz picture (tools/gdb/epoll_dot.py)
    pollux-dmesg              the kernel log ring buffer
    pollux-user [PROGRAM]     load the user symbols of the current process
    $pollux_task(PID)         a struct task_struct *, for print and ptype
    $pollux_epi(WAIT)         the struct epitem * of ep_poll_callback's wait

Loaded by tools/gdb/pollux-gdbinit (`source tools/gdb/pollux.py`, then
tools/gdb/epoll_dot.py, which pollux-epoll --dot and epoll_of_fd() come from).
"""
import os

import gdb

# The repository root, to find the user programs under build/.
POLLUX_ROOT = os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))

# include/uapi/stat.h: the file type bits of i_mode.
S_IFMT = 0o170000
FILE_KINDS = {
    0o010000: "pipe",   # S_IFIFO
    0o020000: "chr",    # S_IFCHR
    0o040000: "dir",    # S_IFDIR
    0o100000: "file",   # S_IFREG
}

# The task states of include/pollux/sched.h, named as Linux's
# /proc/PID/status "State:" line names them.
TASK_DEAD = 8
TASK_STATES = {
    0: "R (running)",
    1: "S (sleeping)",
    2: "D (disk sleep)",
    4: "Z (zombie)",
    16: "T (stopped)",
    TASK_DEAD: "X (dead)",
}


# ------------------------------------------------------------ helpers

def container_of(ptr, typename, member):
    """Linux's container_of(): the struct that embeds *ptr as member."""
    struct = gdb.lookup_type(typename)
    offset = int(gdb.parse_and_eval(
        "(unsigned long)&((%s *)0)->%s" % (typename, member)))
    addr = int(ptr.cast(gdb.lookup_type("unsigned long"))) - offset
    return gdb.Value(addr).cast(struct.pointer())


def list_for_each_entry(head, typename, member):
    """Linux's list_for_each_entry(): yields each entry of the list at head
    (a struct list_head value, not a pointer)."""
    head_addr = int(head.address)
    node = head["next"]
    while int(node) != head_addr:
        yield container_of(node, typename, member)
        node = node["next"]


def rb_inorder(node):
    """The nodes of an rbtree below node (a struct rb_node *), in key
    order: the order rb_first()/rb_next() visit them."""
    stack = []
    while stack or int(node):
        while int(node):
            stack.append(node)
            node = node["rb_left"]
        node = stack.pop()
        yield node
        node = node["rb_right"]


def c_string(value):
    """A char array or char * as a Python string ("" for NULL)."""
    if value.type.strip_typedefs().code == gdb.TYPE_CODE_PTR and not int(value):
        return ""
    return value.string(errors="replace")


def tasks():
    """Every struct task_struct * on task_list, in creation order."""
    return list_for_each_entry(gdb.parse_and_eval("task_list"),
                               "struct task_struct", "tasks")


def find_task(pid):
    """The task with this pid (as the kernel's find_task(), dead ones
    excluded), or a gdb.GdbError."""
    for task in tasks():
        if int(task["pid"]) == pid and int(task["state"]) != TASK_DEAD:
            return task
    raise gdb.GdbError("no task with pid %d" % pid)


def parse_ints(command, arg, names):
    """The command's arguments as integers, one per name in names."""
    argv = gdb.string_to_argv(arg)
    if len(argv) != len(names):
        raise gdb.GdbError("usage: %s %s" % (command, " ".join(names)))
    try:
        return [int(gdb.parse_and_eval(a)) for a in argv]
    except gdb.error as e:
        raise gdb.GdbError(str(e))


def task_files(task):
    """task->files, or a gdb.GdbError for a task without one (idle)."""
    files = task["files"]
    if not int(files):
        raise gdb.GdbError("pid %d has no fd table" % int(task["pid"]))
    return files


def task_fd(task, fd):
    """task->files->fd[fd], or a gdb.GdbError when it is not open."""
    fds = task_files(task)["fd"]
    if fd < 0 or fd >= int(task_files(task)["max_fds"]) or not int(fds[fd]):
        raise gdb.GdbError("pid %d has no fd %d" % (int(task["pid"]), fd))
    return fds[fd]


def dentry_path(dentry):
    """The absolute path of a dentry, walking d_parent up to the root
    (the root is its own parent)."""
    names = []
    while int(dentry) and int(dentry["d_parent"]) != int(dentry):
        names.append(c_string(dentry["d_name"]))
        dentry = dentry["d_parent"]
    return "/" + "/".join(reversed(names))


def file_kind(f):
    """What a struct file * is: pipe, file, dir, chr, or an anon inode's
    name such as [eventpoll]."""
    mode = int(f["f_inode"]["i_mode"])
    kind = FILE_KINDS.get(mode & S_IFMT)
    if kind:
        return kind
    return c_string(f["f_name"]) or "?"


def file_name(f):
    """What readlink(/proc/PID/fd/N) says on Linux: pipe:[ino] and
    anon_inode:[eventpoll] from f_name, else the path it was opened by."""
    name = c_string(f["f_name"])
    if name and not int(f["f_inode"]["i_mode"]) & S_IFMT:
        return "anon_inode:" + name
    if name:
        return name
    if int(f["f_dentry"]):
        return dentry_path(f["f_dentry"])
    return "-"


def current_cpu():
    """The CPU gdb looks at: QEMU shows CPU N as thread N + 1.
    Linux: scripts/gdb/linux/cpus.py get_current_cpu()"""
    return gdb.selected_thread().num - 1


def current_task():
    """That CPU's running task (its struct pcpu's current_task, what
    `current` reads through GS).  Linux: scripts/gdb/linux/cpus.py
    get_current_task()"""
    return gdb.parse_and_eval("pcpu[%d].current_task" % current_cpu())


# The scheduler's own frames, skipped to find where a task went to sleep.
SCHED_FUNCS = ("switch_to", "switch_task", "__schedule", "schedule",
               "schedule_timeout",
               "schedule_hrtimeout")


def functions_at(pc):
    """The functions a return address pc lies in, innermost first: more
    than one where the compiler inlined (ep_poll into do_epoll_wait)."""
    names = []
    try:
        block = gdb.block_for_pc(pc - 1)	# pc - 1: inside the call
    except RuntimeError:
        block = None
    while block is not None:
        if block.function is not None:
            names.append(block.function.name)
        block = block.superblock
    return names


def sleeping_in(task, current):
    """Where a sleeping task called into the scheduler: the first function
    below schedule() on its saved stack, found from the context switch_to
    saved (r15 r14 r13 r12 rbx rbp rip) by following the frame pointers."""
    if int(task) == current or int(task["state"]) in (0, 4, 8) \
            or not int(task["context"]):
        return "-"
    words = gdb.lookup_type("unsigned long").pointer()
    ctx = task["context"].cast(words)
    rip, rbp = int(ctx[6]), int(ctx[5])
    for _ in range(16):
        for name in functions_at(rip):
            if name not in SCHED_FUNCS:
                return name
        if not rbp:
            break
        frame = gdb.Value(rbp).cast(words)
        rip, rbp = int(frame[1]), int(frame[0])
    return "?"


# ------------------------------------------------------------ commands

def thread_groups():
    """The tasks by process: (tgid, [threads]), processes in the order
    of their first thread on task_list, threads in list order."""
    groups = {}
    for task in tasks():
        groups.setdefault(int(task["tgid"]), []).append(task)
    return groups.items()


class PolluxPs(gdb.Command):
    """List the tasks by process: PID (the thread group, tgid) on the
process's first line, then TID, CPU (the one it runs or is queued on, or
last ran on: task_cpu()), state, comm, and where a sleeper sleeps
(its wait channel: the function that called the scheduler, from its
saved stack, as Linux's /proc/PID/wchan: ep_poll, pipe_read, futex_wait,
do_wait...).  A process's other threads follow it with the PID column
empty.
Usage: pollux-ps
The task running on the CPU gdb looks at (`thread N`: CPU N-1) is
marked with '*'.  Linux: lx-ps."""

    def __init__(self):
        super().__init__("pollux-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        current = int(current_task())
        gdb.write("  %5s %5s %3s %-16s %-16s %s\n" % (
            "PID", "TID", "CPU", "STATE", "COMM", "WAITS ON"))
        for tgid, threads in thread_groups():
            for n, task in enumerate(threads):
                state = int(task["state"])
                gdb.write("%s %5s %5d %3d %-16s %-16s %s\n" % (
                    "*" if int(task) == current else " ",
                    "" if n else tgid,
                    int(task["pid"]), int(task["cpu"]),
                    TASK_STATES.get(state, "? (%d)" % state),
                    c_string(task["comm"]),
                    sleeping_in(task, current)))


class PolluxFiles(gdb.Command):
    """List a task's open files.
Usage: pollux-files PID
Columns: fd, close-on-exec bit, kind (pipe, file, dir, chr, or the anon
inode name such as [eventpoll]), name (path or f_name), f_count, and the
struct file address (for `print *(struct file *)ADDR`)."""

    def __init__(self):
        super().__init__("pollux-files", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        pid, = parse_ints("pollux-files", arg, ["PID"])
        files = task_files(find_task(pid))
        fds = files["fd"]
        cloexec = files["close_on_exec"]
        gdb.write("%4s %-7s %-12s %-24s %7s %s\n" % (
            "FD", "CLOEXEC", "KIND", "NAME", "F_COUNT", "FILE"))
        for fd in range(int(files["max_fds"])):
            f = fds[fd]
            if not int(f):
                continue
            bit = (int(cloexec[fd // 64]) >> (fd % 64)) & 1
            gdb.write("%4d %-7s %-12s %-24s %7d 0x%x\n" % (
                fd, "yes" if bit else "no", file_kind(f), file_name(f),
                int(f["f_count"]["counter"]), int(f)))


def fdinfo_line(epi):
    """One interest-set line exactly as Linux's ep_show_fdinfo() prints it
    in /proc/PID/fdinfo/N.  Pollux has no superblocks, so sdev is 0."""
    target = epi["ffd"]["file"]
    return "tfd: %8d events: %8x data: %16x  pos:%d ino:%x sdev:%x\n" % (
        int(epi["ffd"]["fd"]),
        int(epi["event"]["events"]),
        int(epi["event"]["data"]) & 0xffffffffffffffff,
        int(target["f_pos"]),
        int(target["f_inode"]["i_ino"]),
        0)


def wait_queue_tasks(wq_head):
    """The tasks sleeping on a wait queue: the entries whose private is a
    task (default_wake_function, autoremove_wake_function)."""
    for wait in list_for_each_entry(wq_head["head"],
                                    "struct wait_queue_entry", "entry"):
        if int(wait["private"]):
            yield wait["private"].cast(
                gdb.lookup_type("struct task_struct").pointer())


def ovflist_fds(ep):
    """ep->ovflist as target fds, chained by epi->next: "inactive" when it
    is EP_UNACTIVE_PTR (no ep_send_events running), "-" when empty."""
    unactive = (1 << 64) - 1
    epi = ep["ovflist"]
    if int(epi) & unactive == unactive:
        return "inactive"
    fds = []
    while int(epi) and len(fds) < 4096:
        fds.append(str(int(epi["ffd"]["fd"])))
        epi = epi["next"]
    return " ".join(fds) or "-"


class PolluxEpoll(gdb.Command):
    """Show the epoll instance behind a task's fd.
Usage: pollux-epoll [--dot FILE] PID FD
Prints the interest set (ep->rbr, in tree order) as the tfd: lines of
Linux's /proc/PID/fdinfo/FD, the ready list (ep->rdllist) as target fds,
the overflow list (ep->ovflist: "inactive" unless ep_send_events is
copying events out), and the tasks waiting in epoll_wait (ep->wq).
With --dot, writes the same as a Graphviz picture to FILE instead, with
the nested instances and ep->poll_wait's waiters (tools/gdb/epoll_dot.py)."""

    def __init__(self):
        super().__init__("pollux-epoll", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        dot, arg = parse_dot_args(arg)          # tools/gdb/epoll_dot.py
        pid, fd = parse_ints("pollux-epoll", arg, ["PID", "FD"])
        if dot:
            write_epoll_dot(dot, pid, fd)
            return
        ep = epoll_of_fd(pid, fd)
        gdb.write("struct eventpoll *0x%x\n" % int(ep))
        gdb.write("interest set (rbr):\n")
        for node in rb_inorder(ep["rbr"]["rb_root"]["rb_node"]):
            gdb.write(fdinfo_line(
                container_of(node, "struct epitem", "rbn")))
        ready = [str(int(epi["ffd"]["fd"])) for epi in list_for_each_entry(
            ep["rdllist"], "struct epitem", "rdllink")]
        gdb.write("ready list (rdllist): %s\n" % (" ".join(ready) or "-"))
        gdb.write("overflow list (ovflist): %s\n" % ovflist_fds(ep))
        waiters = ["%d (%s)" % (int(t["pid"]), c_string(t["comm"]))
                   for t in wait_queue_tasks(ep["wq"])]
        gdb.write("waiters (wq): %s\n" % (", ".join(waiters) or "-"))


class PolluxDmesg(gdb.Command):
    """Print the kernel log (the printk ring buffer log_buf).
Usage: pollux-dmesg
log_next counts every byte ever logged, so once it passes the buffer
size the oldest bytes start at log_next % size.  Linux: lx-dmesg."""

    def __init__(self):
        super().__init__("pollux-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        buf = gdb.parse_and_eval("log_buf")
        size = buf.type.sizeof
        total = int(gdb.parse_and_eval("log_next"))
        mem = bytes(gdb.selected_inferior().read_memory(buf.address, size))
        if total <= size:
            text = mem[:total]
        else:
            start = total % size
            text = mem[start:] + mem[:start]
        # bytes never written yet are NULs: skip them
        gdb.write(text.replace(b"\0", b"").decode("utf-8", errors="replace"))


class PolluxUser(gdb.Command):
    """Load the user program's symbols for the current task.
Usage: pollux-user [PROGRAM]
Without an argument, PROGRAM is current->comm, looked up in build/user,
build/tests and build/gdb (in that order); an argument may also be a
path.  User programs are static, non-PIE ELF executables linked at their
run address, so add-symbol-file needs no offset.  The symbols loaded
before (if any) are removed first: user and kernel addresses do not
overlap, but two programs' do."""

    loaded = None

    def __init__(self):
        super().__init__("pollux-user", gdb.COMMAND_FILES)

    @staticmethod
    def find_program(name):
        if os.path.isfile(name):
            return name
        for folder in ("user", "tests", "gdb"):
            path = os.path.join(POLLUX_ROOT, "build", folder, name)
            if os.path.isfile(path):
                return path
        raise gdb.GdbError("no %s in build/user, build/tests, build/gdb"
                           % name)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) > 1:
            raise gdb.GdbError("usage: pollux-user [PROGRAM]")
        name = argv[0] if argv else \
            c_string(current_task()["comm"])
        path = self.find_program(name)
        if PolluxUser.loaded:
            try:
                gdb.execute("remove-symbol-file %s" % PolluxUser.loaded,
                            to_string=True)
            except gdb.error:
                pass    # already removed by hand
        gdb.execute("add-symbol-file %s" % path, to_string=True)
        PolluxUser.loaded = path
        gdb.write("loaded user symbols from %s\n" % path)


class PolluxTask(gdb.Function):
    """$pollux_task(PID): the struct task_struct * with that pid.
Example: print $pollux_task(1)->files->fd[3]->f_op"""

    def __init__(self):
        super().__init__("pollux_task")

    def invoke(self, pid):
        return find_task(int(pid))


class PolluxEpi(gdb.Function):
    """$pollux_epi(WAIT): the struct epitem * whose eppoll_entry holds the
wait queue entry WAIT (ep_poll_callback's first argument; the kernel's
ep_item_from_wait()).
Example: break ep_poll_callback if $pollux_epi(wait)->ep->ovflist != (void *)-1"""

    def __init__(self):
        super().__init__("pollux_epi")

    def invoke(self, wait):
        pwq = gdb.lookup_type("struct eppoll_entry")
        offset = next(f.bitpos // 8 for f in pwq.fields() if f.name == "wait")
        addr = int(wait.cast(gdb.lookup_type("unsigned long"))) - offset
        return gdb.Value(addr).cast(pwq.pointer())["base"]


PolluxPs()
PolluxFiles()
PolluxEpoll()
PolluxDmesg()
PolluxUser()
PolluxTask()
PolluxEpi()
