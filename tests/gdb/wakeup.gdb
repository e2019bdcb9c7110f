# Who sleeps on ep->wq and who wakes it: pid 2's pipe write wakes pid 1.
# boot: gdb-epoll (as init)
# The condition skips the wake-ups caused by pid 1 itself.  After the
# callback, fd 3 is ready, pid 1 runnable and off ep->wq (the entry
# removes itself on wake-up: ep_autoremove_wake_function).
hbreak ep_poll_callback if current->pid == 2
continue
bt
pollux-ps
pollux-epoll 1 5
delete
finish
pollux-ps
pollux-epoll 1 5
# expect "stops at ep_poll_callback": breakpoint 1, ep_poll_callback \(
# expect "bt shows pipe_write": ^#[0-9]+ +(0x[0-9a-f]+ in )?pipe_write \(
# expect "pollux-ps shows pid 1 sleeping in ep_poll": ^  +1 +1 +[0-9]+ S \(sleeping\) +gdb-epoll +ep_poll$
# expect "pollux-ps shows pid 2 current": ^\* +2 +2 +[0-9]+ R \(running\) +gdb-epoll 
# expect "pollux-epoll shows pid 1 on ep->wq": ^waiters \(wq\): 1 \(gdb-epoll\)$
# expect "the ready list is empty before the callback": ^ready list \(rdllist\): -$
# expect "after the callback fd 3 is ready": ^ready list \(rdllist\): 3$
# expect "after the callback pid 1 is runnable": ^  +1 +1 +[0-9]+ R \(running\) +gdb-epoll 
# expect "after the callback nobody waits on ep->wq": ^waiters \(wq\): -$
