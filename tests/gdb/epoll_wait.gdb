# From user code into ep_poll and back.
# boot: gdb-epoll (as init)
# Stop in the kernel first, so that the user program is loaded and is
# current; then load its symbols and break in libc's epoll_wait.
hbreak do_epoll_create
continue
pollux-user
delete
break epoll_wait
continue
hbreak ep_poll
continue
bt
pollux-epoll 1 5
continue
continue
pollux-epoll 1 5
# expect "pollux-user loads the program's symbols": ^loaded user symbols from .*/build/tests/gdb-epoll$
# expect "break epoll_wait stops in user code": breakpoint 2, epoll_wait \(epfd=5
# expect "epoll_wait steps into ep_poll": breakpoint 3, ep_poll \(
# expect "bt shows sys_epoll_wait": ^#[0-9]+ +(0x[0-9a-f]+ in )?sys_epoll_wait \(
# expect "pollux-epoll prints the fdinfo line Linux prints": ^tfd:        3 events:       19 data:             1234  pos:0 ino:[0-9a-f]+ sdev:0$
# expect "nothing ready at the first epoll_wait": ^ready list \(rdllist\): -$
# expect "fd 3 ready after the pipe write": ^ready list \(rdllist\): 3$
