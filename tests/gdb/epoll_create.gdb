# Into the kernel from epoll_create1.
# boot: gdb-epoll (as init)
hbreak do_epoll_create
continue
bt
pollux-ps
pollux-files 1
pollux-dmesg
# expect "stops at do_epoll_create": breakpoint 1, do_epoll_create \(
# expect "bt shows do_epoll_create": ^#0 +do_epoll_create \(
# expect "bt shows sys_epoll_create1": ^#[0-9]+ +(0x[0-9a-f]+ in )?sys_epoll_create1 \(
# expect "pollux-ps shows pid 1, current and running": ^\* +1 +1 +[0-9]+ R \(running\) +gdb-epoll +-$
# expect "pollux-ps shows the idle task": ^  +0 +0 +[0-9]+ [A-Z] \([a-z ]+\) +idle 
# expect "pollux-files shows the pipe's read end": ^ +3 no +pipe +pipe:\[[0-9]+\] +1 0x
# expect "pollux-files shows the pipe's write end": ^ +4 no +pipe +pipe:\[[0-9]+\] +1 0x
# expect "pollux-files shows the console": ^ +0 no +chr +/dev/console 
# expect "pollux-dmesg shows init starting": starting init: /bin/gdb-epoll
