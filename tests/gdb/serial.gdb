# Who calls ep_poll_callback when input arrives on a serial line: the
# RX interrupt, in interrupt context.
# boot: gdb-serial (as init)
# serial-input: waiting ping
# pid 1 sleeps in epoll_wait on /dev/ttyS1 (fd 3, watched by epoll fd 4);
# "ping" arrives on COM2 and IRQ 3 runs serial_interrupt on the stack of
# the task it interrupted (idle), with interrupts off.
hbreak ep_poll_callback
continue
bt
pollux-ps
print current->thread_info.preempt_count >> 16
info registers eflags
pollux-epoll 1 4
delete
finish
pollux-ps
pollux-epoll 1 4
# expect "stops at ep_poll_callback": breakpoint 1, ep_poll_callback \(
# expect "bt shows tty_receive": ^#[0-9]+ +(0x[0-9a-f]+ in )?tty_receive \(
# expect "bt shows serial_interrupt": ^#[0-9]+ +(0x[0-9a-f]+ in )?serial_interrupt \(
# expect "bt shows handle_irq": ^#[0-9]+ +(0x[0-9a-f]+ in )?handle_irq \(irq=
# expect "bt shows the interrupt entry": ^#[0-9]+ +(0x[0-9a-f]+ in )?trap_common \(
# expect "the idle task was interrupted": ^\* +0 +0 +[0-9]+ R \(running\) +idle 
# expect "pid 1 sleeps": ^  +1 +1 +[0-9]+ S \(sleeping\) +gdb-serial 
# expect "in an interrupt handler": ^\$1 = 1$
# expect "interrupts are off (no IF)": ^eflags +0x[0-9a-f]+ +\[ (IOPL=0 )?((CF|PF|AF|ZF|SF|TF|DF|OF) )*\]$
# expect "pid 1 waits on ep->wq": ^waiters \(wq\): 1 \(gdb-serial\)$
# expect "the ready list is empty before the callback": ^ready list \(rdllist\): -$
# expect "after the callback fd 3 is ready": ^ready list \(rdllist\): 3$
# expect "after the callback pid 1 is runnable": ^  +1 +1 +[0-9]+ R \(running\) +gdb-serial 
# expect "after the callback nobody waits on ep->wq": ^waiters \(wq\): -$
