; The only instructions that touch user memory.  Each may fault on an
; unmapped user page; its address and a fixup address go into __ex_table,
; and the page-fault handler (kernel/arch/fault.c) resumes at the fixup,
; which returns -EFAULT.  STAC/CLAC around them let them past SMAP
; (kernel/arch/smap.c); every way out, the fixup too, closes it again.
; Linux: arch/x86/lib/copy_user_64.S and extable.c.  Range checks against
; the user/kernel split are in C (kernel/mm/uaccess.c), before these run.

bits 64
section .text

%include "kernel/arch/smap.inc"

EFAULT equ 14

%macro EXTABLE 2
section __ex_table
	dq %1, %2
section .text
%endmacro

; long __copy_user(void *dst, const void *src, size_t n): 0 or -EFAULT
global __copy_user
__copy_user:
	mov rcx, rdx
	STAC
.copy:
	rep movsb
	CLAC
	xor eax, eax
	ret
.fault:
	CLAC
	mov rax, -EFAULT
	ret
	EXTABLE __copy_user.copy, __copy_user.fault

; long __strncpy_from_user(char *dst, const char *src, long n):
; bytes copied before the NUL (NUL included in dst), n if no NUL within n,
; or -EFAULT.
global __strncpy_from_user
__strncpy_from_user:
	xor eax, eax
	STAC
.loop:
	cmp rax, rdx
	je .done
.load:
	mov cl, [rsi + rax]
	mov [rdi + rax], cl
	test cl, cl
	jz .done
	inc rax
	jmp .loop
.done:
	CLAC
	ret
.fault:
	CLAC
	mov rax, -EFAULT
	ret
	EXTABLE __strncpy_from_user.load, __strncpy_from_user.fault

; long __clear_user(void *dst, size_t n): 0 or -EFAULT
global __clear_user
__clear_user:
	mov rcx, rsi
	xor eax, eax
	STAC
.store:
	rep stosb
	CLAC
	ret
.fault:
	CLAC
	mov rax, -EFAULT
	ret
	EXTABLE __clear_user.store, __clear_user.fault
