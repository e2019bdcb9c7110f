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
pollux-files 1
print $pollux_task(1)->files->fd[5]->f_name
continue
continue
pollux-epoll 1 5
# expect "pollux-user loads the program's symbols": ^loaded user symbols from .*/build/gdb/gdb-epoll$
# expect "break epoll_wait stops in user code": breakpoint 2, epoll_wait \(epfd=(epfd@entry=)?5,
# expect "epoll_wait steps into ep_poll": breakpoint 3, ep_poll \(
# expect "bt shows sys_epoll_wait": ^#[0-9]+ +(0x[0-9a-f]+ in )?sys_epoll_wait \(
# expect "pollux-epoll prints the fdinfo line Linux prints": ^tfd:        3 events:       19 data:             1234  pos:0 ino:[0-9a-f]+ sdev:0$
# expect "pollux-files shows the epoll fd, close-on-exec": ^ +5 yes +\[eventpoll\] +anon_inode:\[eventpoll\] +[0-9]+ 0x
# expect "$pollux_task(1) reaches the epoll file": ^\$1 = 0x[0-9a-f]+ "\[eventpoll\]"$
# expect "nothing ready at the first epoll_wait": ^ready list \(rdllist\): -$
# expect "fd 3 ready after the pipe write": ^ready list \(rdllist\): 3$
# expect "no harvest running: ovflist inactive": ^overflow list \(ovflist\): inactive$
