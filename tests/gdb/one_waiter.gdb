# Stop in ep_poll for one chosen task among several waiting on one epoll fd.
# boot: gdb-workers (as init)
# Pids 2, 3 and 4 each call epoll_wait on the shared epoll fd 5, in that
# order; the condition lets only pid 4 stop (current->pid is the thread
# id, so the same condition chooses one thread of a process).  Pids 2
# and 3 went by the breakpoint and sleep in ep_poll, on ep->wq.
hbreak ep_poll if current->pid == 4
continue
print current->pid
bt 3
pollux-ps
pollux-epoll 1 5
# expect "stops at ep_poll": breakpoint 1, ep_poll \(
# expect "only for pid 4": ^\$1 = 4$
# expect "bt shows do_epoll_wait": ^#[0-9]+ +(0x[0-9a-f]+ in )?do_epoll_wait \(
# expect "pollux-ps: pid 4 is current": ^\* +4 +4 +[0-9]+ R \(running\) +gdb-workers +-$
# expect "pollux-ps: pid 2 sleeps in ep_poll": ^  +2 +2 +[0-9]+ S \(sleeping\) +gdb-workers +ep_poll$
# expect "pollux-ps: pid 3 sleeps in ep_poll": ^  +3 +3 +[0-9]+ S \(sleeping\) +gdb-workers +ep_poll$
# expect "pollux-epoll: pids 2 and 3 wait on ep->wq": ^waiters \(wq\): 2 \(gdb-workers\), 3 \(gdb-workers\)$
