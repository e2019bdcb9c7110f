# pollux-epoll --dot: a picture of nested epoll instances, their waiters
# and ready lists, drawn by Graphviz (docs/eventpoll.md shows it).
# boot: gdb-nested (as init)
# Stopped when pid 3's pipe write reaches ep_poll_callback: pid 1 sleeps
# on e8's wq, pid 2 polls e7, nothing is ready yet.  After the callback
# (and the nested one it causes: the breakpoint is deleted first), e7's
# ready list holds fd 3, e8's fd 7; pid 1 has left e8's wq (its entry
# removes itself when woken), pid 2's poll entry on e7 stays until pid 2
# runs again (poll_freewait), so the picture still draws it.
hbreak ep_poll_callback if current->pid == 3
continue
pollux-epoll --dot build/gdb/before.dot 1 8
delete
finish
pollux-epoll --dot build/gdb/after.dot 1 8
shell dot -Tsvg build/gdb/after.dot -o build/gdb/after.svg && echo svg ok
shell cat build/gdb/before.dot build/gdb/after.dot
# expect "the file is written, both instances in it": ^wrote build/gdb/before.dot: 2 epoll instance\(s\)
# expect "dot draws it": ^svg ok$
# expect "e8's box: pid 1 fd 8, nothing ready": ^ *ep_[0-9a-f]+ \[.*label="\{struct eventpoll 0x[0-9a-f]+\|pid 1 fd 8\|rdllist: -\|ovflist: inactive\}"\];$
# expect "e8's item for fd 7, with its mask and data": ^ *epi_[0-9a-f]+ \[label="\{epitem 0x[0-9a-f]+\|tfd 7\|events 0x19 EPOLLIN\\\|EPOLLERR\\\|EPOLLHUP\|data 0x2007\}".*\];$
# expect "e7's item for fd 5, edge-triggered": ^ *epi_[0-9a-f]+ \[label="\{epitem 0x[0-9a-f]+\|tfd 5\|events 0x80000019 EPOLLIN\\\|EPOLLERR\\\|EPOLLHUP\\\|EPOLLET\|data 0x1005\}".*\];$
# expect "the item for fd 7 links to the nested instance": ^ *epi_[0-9a-f]+ -> ep_[0-9a-f]+ \[label="nested", style=bold\];$
# expect "fd 5's pipe, watched by both instances": ^ *file_[0-9a-f]+ \[shape=box, style=rounded, label="pipe:\[[0-9]+\]"\];$
# expect "pid 1 sleeps in epoll_wait on e8's wq": ^ *task_1 -> ep_[0-9a-f]+ \[label="wq \(epoll_wait\)", color=darkgreen\];$
# expect "pid 2 polls e7 (ep->poll_wait)": ^ *task_2 -> ep_[0-9a-f]+ \[label="poll_wait \(poll/select\)", color=darkgreen\];$
# expect "the second picture is written": ^wrote build/gdb/after.dot: 2 epoll instance\(s\)
# expect "after the callbacks e8's ready list holds fd 7": label="\{struct eventpoll 0x[0-9a-f]+\|pid 1 fd 8\|rdllist: 7\|ovflist: inactive\}"
# expect "after the callbacks e7's ready list holds fd 3": label="\{struct eventpoll 0x[0-9a-f]+\|rdllist: 3\|ovflist: inactive\}"
# expect "the ready list drawn from the instance to the item": ^ *ep_[0-9a-f]+ -> epi_[0-9a-f]+ \[color=red, fontcolor=red, label="rdllist", constraint=false\];$
