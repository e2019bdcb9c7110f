# One system call from printf to the tty and back: write(1, "waiting\n", 8).
# boot: gdb-serial (as init)
# The trapframe that syscall_entry built is syscall_dispatch's tf: the
# user registers, with the number in rax and the return address in rip.
hbreak tty_write
continue
bt
pollux-user
x/s buf
frame function syscall_dispatch
print/x *tf
print syscall_names[tf->rax]
tbreak *tf->rip
continue
print $rax
# expect "stops at tty_write": breakpoint 1, tty_write \(
# expect "bt shows vfs_write": ^#[0-9]+ +(0x[0-9a-f]+ in )?vfs_write \(
# expect "bt shows sys_write": ^#[0-9]+ +(0x[0-9a-f]+ in )?sys_write \(
# expect "bt shows syscall_dispatch": ^#[0-9]+ +(0x[0-9a-f]+ in )?syscall_dispatch \(
# expect "bt shows syscall_entry": ^#[0-9]+ +(0x[0-9a-f]+ in )?syscall_entry \(\)
# expect "the user buffer is readable from the kernel": :[[:space:]]+"waiting\\n"$
# expect "the trapframe holds rax = 1 (write)": ^ +rax = 0x1,$
# expect "the vector slot says syscall": ^ +vector = 0x100,$
# expect "the user's code segment": ^ +cs = 0x23,$
# expect "the user's stack segment": ^ +ss = 0x1b$
# expect "syscall_names": ^\$2 = 0x[0-9a-f]+ "write"$
# expect "back in user code": ^(Thread [0-9]+ hit )?Temporary breakpoint 2, 0x0*4[0-9a-f]+ in 
# expect "write returned 8": ^\$3 = 8$
