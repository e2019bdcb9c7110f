/*
 * The signal restorer. A handler returns here (the kernel pushed this
 * address as its return address, from sa_restorer), and rt_sigreturn
 * restores the interrupted context saved on the user stack.
 */
#include <uapi/unistd.h>

	.text
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	mov $__NR_rt_sigreturn, %eax
	syscall
	hlt
	.size __restore_rt, . - __restore_rt

	.section .note.GNU-stack, "", @progbits
