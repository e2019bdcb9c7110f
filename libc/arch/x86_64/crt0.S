/*
 * Program entry. The kernel starts us with rsp pointing at argc, followed
 * by argv[], NULL, envp[], NULL, then the auxiliary vector (Linux:
 * fs/binfmt_elf.c create_elf_tables). rbp is cleared so debuggers see the
 * outermost frame, and the stack is re-aligned to 16 bytes as the ABI
 * requires at a call.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp
	mov %rsp, %rdi		/* __libc_start_main(long *sp) */
	and $-16, %rsp
	call __libc_start_main
	hlt			/* not reached: __libc_start_main calls exit() */
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
