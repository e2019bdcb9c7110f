"""pollux-epoll --dot FILE PID FD: a Graphviz picture of the epoll instance
behind a task's fd, and of every instance linked to it by nesting.

    struct eventpoll   a box per instance (a cluster with its epitems):
                       ready list (rdllist) and ovflist as target fds
    interest tree      ep->rbr as drawn: root, left and right children,
                       red nodes outlined in red (Pollux's rbtree.h colours)
    epitem             tfd, events mask (with names), data
    target             the watched file (pipe:[ino], /dev/ttyS1...); a
                       nested epoll target is its own instance's box
    rdllist, ovflist   red and blue chains from the instance through its items
    waiters            tasks in epoll_wait (ep->wq), and on ep->poll_wait:
                       tasks in poll()/select() and the outer instances'
                       epitems (ep_poll_callback entries)

`dot -Tsvg FILE -o epoll.svg` draws it (Debian's graphviz).  Sourced by
tools/gdb/pollux-gdbinit after pollux.py: gdb runs both files in one
namespace, so the helpers of pollux.py (list_for_each_entry, rb_inorder,
container_of, file_name...) are used here as they are there.
"""
import gdb

# include/uapi/epoll.h, in bit order
EPOLL_BITS = (
    (0x001, "EPOLLIN"), (0x002, "EPOLLPRI"), (0x004, "EPOLLOUT"),
    (0x008, "EPOLLERR"), (0x010, "EPOLLHUP"), (0x020, "EPOLLNVAL"),
    (0x040, "EPOLLRDNORM"), (0x080, "EPOLLRDBAND"), (0x100, "EPOLLWRNORM"),
    (0x200, "EPOLLWRBAND"), (0x400, "EPOLLMSG"), (0x2000, "EPOLLRDHUP"),
    (1 << 28, "EPOLLEXCLUSIVE"), (1 << 29, "EPOLLWAKEUP"),
    (1 << 30, "EPOLLONESHOT"), (1 << 31, "EPOLLET"),
)


def epoll_mask_names(mask):
    """EPOLLIN|EPOLLET for 0x80000001; "0" for an empty mask."""
    names = [name for bit, name in EPOLL_BITS if mask & bit]
    rest = mask & ~sum(bit for bit, _ in EPOLL_BITS)
    if rest:
        names.append("0x%x" % rest)
    return "|".join(names) or "0"


def record_text(text):
    """text escaped for a field of a Graphviz record label."""
    for c in "\\{}|<>\"":
        text = text.replace(c, "\\" + c)
    return text


def function_name(addr):
    """The function at a code address (a wait entry's func), or "?"."""
    try:
        block = gdb.block_for_pc(addr)
    except RuntimeError:
        return "?"
    while block is not None and block.function is None:
        block = block.superblock
    return block.function.name if block is not None else "?"


def epoll_of_file(f):
    """The struct eventpoll * behind an [eventpoll] file, or None."""
    if c_string(f["f_name"]) != "[eventpoll]" or \
            int(f["f_inode"]["i_mode"]) & S_IFMT:
        return None
    return f["private_data"].cast(
        gdb.lookup_type("struct eventpoll").pointer())


def epoll_of_fd(pid, fd):
    """The struct eventpoll * behind a task's fd, or a gdb.GdbError."""
    f = task_fd(find_task(pid), fd)
    ep = epoll_of_file(f)
    if ep is None:
        raise gdb.GdbError("pid %d fd %d is not an epoll fd (%s)" % (
            pid, fd, file_kind(f)))
    return ep


def ready_items(ep):
    """ep->rdllist, in order."""
    return list(list_for_each_entry(ep["rdllist"], "struct epitem",
                                    "rdllink"))


def ovflist_items(ep):
    """ep->ovflist, chained by epi->next; None when it is inactive
    (EP_UNACTIVE_PTR: no harvest running)."""
    unactive = (1 << 64) - 1
    epi = ep["ovflist"]
    if int(epi) & unactive == unactive:
        return None
    items = []
    while int(epi) and len(items) < 4096:
        items.append(epi)
        epi = epi["next"]
    return items


def poll_wait_entries(ep):
    """What waits on ep->poll_wait, as ("epitem", struct epitem *) for an
    outer instance (ep_poll_callback) or ("task", struct task_struct *)
    for poll()/select() (pollwake: private is the struct poll_wqueues)."""
    for wait in list_for_each_entry(ep["poll_wait"]["head"],
                                    "struct wait_queue_entry", "entry"):
        func = function_name(int(wait["func"]))
        if func == "ep_poll_callback":
            yield "epitem", container_of(wait, "struct eppoll_entry",
                                         "wait")["base"]
        elif func == "pollwake":
            pwq = wait["private"].cast(
                gdb.lookup_type("struct poll_wqueues").pointer())
            yield "task", pwq["polling_task"]
        elif int(wait["private"]):
            yield "task", wait["private"].cast(
                gdb.lookup_type("struct task_struct").pointer())


class EpollDot:
    """The lines of one digraph: every instance reachable from the first
    through nesting (both ways), each drawn once, as a cluster holding
    its struct eventpoll and its epitems; the nodes and edges outside
    the clusters (targets, tasks, lists) follow them."""

    def __init__(self):
        self.body = []          # the clusters
        self.outside = []       # what follows the clusters
        self.drawn = set()      # instances (addresses) drawn or queued
        self.nodes = set()      # target and task nodes drawn
        self.todo = []

    def queue(self, ep):
        if int(ep) not in self.drawn:
            self.drawn.add(int(ep))
            self.todo.append(ep)

    def node(self, name, attrs):
        if name not in self.nodes:
            self.nodes.add(name)
            self.outside.append("%s [%s];" % (name, attrs))
        return name

    def task_node(self, task):
        return self.node("task_%d" % int(task["pid"]),
                         'shape=ellipse, label="pid %d (%s)"' % (
                             int(task["pid"]), c_string(task["comm"])))

    def item(self, epi):
        """An epitem's node, and the link to what it watches."""
        target = epi["ffd"]["file"]
        events = int(epi["event"]["events"])
        fields = ["epitem 0x%x" % int(epi),
                  "tfd %d" % int(epi["ffd"]["fd"]),
                  "events 0x%x %s" % (events, epoll_mask_names(events)),
                  "data 0x%x" % (int(epi["event"]["data"]) & (2**64 - 1))]
        red = not int(epi["rbn"]["__rb_parent_color"]) & 1
        self.body.append('epi_%x [label="{%s}"%s];' % (
            int(epi), "|".join(record_text(f) for f in fields),
            ", color=red" if red else ""))
        nested = epoll_of_file(target)
        if nested is not None:
            self.queue(nested)
            self.outside.append('epi_%x -> ep_%x [label="nested", '
                                'style=bold];' % (int(epi), int(nested)))
            return
        name = self.node("file_%x" % int(target),
                         'shape=box, style=rounded, label="%s"'
                         % record_text(file_name(target)))
        self.outside.append("epi_%x -> %s [style=dotted];" % (int(epi), name))

    def tree(self, ep):
        """ep->rbr as a binary tree: each node's left and right child."""
        root = ep["rbr"]["rb_root"]["rb_node"]
        if int(root):
            self.body.append('ep_%x -> epi_%x [label="rbr"];' % (
                int(ep), int(container_of(root, "struct epitem", "rbn"))))
        for node in rb_inorder(root):
            epi = container_of(node, "struct epitem", "rbn")
            self.item(epi)
            for side in ("rb_left", "rb_right"):
                if int(node[side]):
                    child = container_of(node[side], "struct epitem", "rbn")
                    self.body.append('epi_%x -> epi_%x [label="%s"];' % (
                        int(epi), int(child), side))

    def chain(self, ep, items, name, colour):
        """rdllist or ovflist: ep -> first item -> next item..."""
        prev = "ep_%x" % int(ep)
        for epi in items:
            self.outside.append(
                '%s -> epi_%x [color=%s, fontcolor=%s, label="%s", '
                'constraint=false];' % (prev, int(epi), colour, colour, name))
            prev, name = "epi_%x" % int(epi), ""

    def waiters(self, ep):
        """ep->wq's tasks, and ep->poll_wait's tasks and outer instances."""
        for task in wait_queue_tasks(ep["wq"]):
            self.outside.append('%s -> ep_%x [label="wq (epoll_wait)", '
                                'color=darkgreen];' % (self.task_node(task),
                                                       int(ep)))
        for kind, who in poll_wait_entries(ep):
            if kind == "task":
                self.outside.append(
                    '%s -> ep_%x [label="poll_wait (poll/select)", '
                    'color=darkgreen];' % (self.task_node(who), int(ep)))
            else:
                self.queue(who["ep"])   # its epitem draws the "nested" edge

    def instance(self, ep, title):
        ready, ovf = ready_items(ep), ovflist_items(ep)

        def fds(items):
            return " ".join(str(int(e["ffd"]["fd"])) for e in items)
        fields = ["struct eventpoll 0x%x" % int(ep)] + title + [
            "rdllist: %s" % (fds(ready) or "-"),
            "ovflist: %s" % ("inactive" if ovf is None else
                             fds(ovf) or "active, empty")]
        self.body.append("subgraph cluster_%x {" % int(ep))
        self.body.append('ep_%x [style=filled, fillcolor=lightyellow, '
                         'label="{%s}"];' % (int(ep), "|".join(
                             record_text(f) for f in fields)))
        self.tree(ep)
        self.body.append("}")
        self.chain(ep, ready, "rdllist", "red")
        self.chain(ep, ovf or [], "ovflist", "blue")
        self.waiters(ep)

    def draw(self, ep, title):
        """The digraph's text; title: lines for the first instance's box."""
        self.queue(ep)
        while self.todo:
            nxt = self.todo.pop(0)
            self.instance(nxt, title if int(nxt) == int(ep) else [])
        head = ["digraph epoll {", "rankdir=TB;",
                'node [shape=record, fontname="monospace", fontsize=10];',
                'edge [fontname="monospace", fontsize=9];']
        return "\n  ".join(head + self.body + self.outside) + "\n}\n"


def parse_dot_args(arg):
    """[--dot FILE] PID FD -> (FILE or None, "PID FD")."""
    argv = gdb.string_to_argv(arg)
    if argv[:1] != ["--dot"]:
        return None, arg
    if len(argv) < 2:
        raise gdb.GdbError("usage: pollux-epoll [--dot FILE] PID FD")
    return argv[1], " ".join(argv[2:])


def write_epoll_dot(path, pid, fd):
    """pollux-epoll --dot: the picture of pid's epoll fd into path."""
    ep = epoll_of_fd(pid, fd)
    text = EpollDot().draw(ep, ["pid %d fd %d" % (pid, fd)])
    with open(path, "w") as out:
        out.write(text)
    gdb.write("wrote %s: %d epoll instance(s); dot -Tsvg %s -o epoll.svg\n"
              % (path, text.count("subgraph cluster_"), path))
