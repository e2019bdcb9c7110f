# Who calls ep_poll_callback: the pipe write.
# boot: gdb-epoll (as init)
hbreak ep_poll_callback
continue
bt
# expect "stops at ep_poll_callback": breakpoint 1, ep_poll_callback \(
# expect "bt shows __wake_up": ^#[0-9]+ +(0x[0-9a-f]+ in )?__wake_up[a-z_]* \(
# expect "bt shows pipe_write": ^#[0-9]+ +(0x[0-9a-f]+ in )?pipe_write \(
