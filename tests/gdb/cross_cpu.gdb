# A callback on one CPU while a harvest runs on another (the per-CPU
# scheduler spreads the tasks; gdb-harvest pins them).
# boot: gdb-harvest (as init)
# smp: 2
# Pid 1 harvests on CPU 0 without pause; pid 2 writes on CPU 1.  The
# breakpoint's condition (gdb evaluates it with every CPU stopped) keeps
# the callbacks that find ep->ovflist active, a harvest running: with
# preempt=none (the default) nothing else can, so pid 2 stops in
# ep_poll_callback on CPU 1 (gdb's thread 2) while CPU 0 (thread 1) is in
# pid 1's ep_send_events, between ep_start_scan and ep_done_scan, holding
# the instance's ep->mtx.  (ep_send_events is inlined into ep_poll: the
# first frame of CPU 0 may name ep_poll, -O2's line table.)
hbreak do_epoll_create
continue
delete
break ep_poll_callback if $pollux_epi(wait)->ep->ovflist != (void *)-1
continue
bt 5
print current->pid
print $pollux_epi(wait)->ep->mtx.owner->pid
info threads
thread 1
bt
print current->pid
# expect "CPU 1 (thread 2) stops in the callback": ^Thread 2 .*hit Breakpoint 2, ep_poll_callback \(
# expect "called by pipe_write's wake-up (its sync wake-up, Linux's __wake_up_sync_key)": ^#4 +0x[0-9a-f]+ in pipe_write \(
# expect "run by pid 2": ^\$1 = 2$
# expect "info threads: CPU 0 is thread 1": ^ +1 +Thread 1\.1 \(CPU#0
# expect "thread 1 is CPU 0": ^\[Switching to thread 1 \(Thread 1\.1\)\]
# expect "the instance's ep->mtx is pid 1's, harvesting": ^\$2 = 1$
# expect "CPU 0 is in epoll_wait's harvest": ^#[0-9]+ +(0x[0-9a-f]+ in )?(ep_send_events|ep_poll) \(
# expect "for pid 1": ^\$3 = 1$
