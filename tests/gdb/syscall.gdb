# Through the syscall instruction into the kernel and back to user code.
# boot: gdb-epoll (as init)
# syscall_entry runs for every system call; the condition picks
# epoll_wait (rax = 232, Linux's number).  The CPU saved the user's
# return address in rcx, so the syscall instruction is just before it.
hbreak syscall_entry if $rax == 232
continue
pollux-user
x/i $rcx - 2
delete
tbreak *$rcx
continue
print $rax
# expect "stops at syscall_entry": breakpoint 1, syscall_entry \(\)
# expect "the syscall instruction is in libc's epoll_wait": <epoll_wait\+[0-9]+>:[[:space:]]+syscall
# expect "back in user code after the syscall": ^(Thread [0-9]+ hit )?Temporary breakpoint 2, 0x0*4[0-9a-f]+ in (epoll_wait|__syscall4) 
# expect "epoll_wait with timeout 0 returned 0 events": ^\$1 = 0$
