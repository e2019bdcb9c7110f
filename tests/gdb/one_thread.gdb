# Stop in ep_poll for one chosen thread among several of one process.
# boot: gdb-workers (as init)
# After its three child processes, pid 1 clones threads 5, 6 and 7,
# which call epoll_wait on epoll fd 5 in that order; the condition on
# current->pid (the thread id) lets only thread 7 stop.  pollux-ps
# shows the threads under their process, 5 and 6 asleep in ep_poll.
hbreak ep_poll if current->pid == 7
continue
print current->pid
print current->tgid
pollux-ps
pollux-epoll 1 5
# expect "stops at ep_poll": breakpoint 1, ep_poll \(
# expect "only for thread 7": ^\$1 = 7$
# expect "of process 1": ^\$2 = 1$
# expect "pollux-ps: process 1 on its first line": ^  +1 +1 +[0-9]+ [RS] \([a-z]+\) +gdb-workers 
# expect "pollux-ps: thread 5 under it, asleep in ep_poll": ^ {12}5 +[0-9]+ S \(sleeping\) +gdb-workers +ep_poll$
# expect "pollux-ps: thread 6 under it, asleep in ep_poll": ^ {12}6 +[0-9]+ S \(sleeping\) +gdb-workers +ep_poll$
# expect "pollux-ps: thread 7 is current": ^\* {11}7 +[0-9]+ R \(running\) +gdb-workers +-$
# expect "pollux-epoll: threads 5 and 6 wait on ep->wq": ^waiters \(wq\): 5 \(gdb-workers\), 6 \(gdb-workers\)$
