; The only instructions that touch user memory.  Each may fault on an
; unmapped user page; its address and a fixup address go into __ex_table,
; and the page-fault handler (kernel/arch/fault.c) resumes at the fixup.
; A rep movs/stos that faults leaves rcx at the count not yet done (the
; CPU restarts string instructions where they stopped), so the copies'
; fixups return it: the bytes not copied, as Linux's do.  STAC/CLAC
; around them let them past SMAP (kernel/arch/smap.c); every way out, the
; fixup too, closes it again.
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

; unsigned long copy_user_generic(void *dst, const void *src, size_t n):
; the bytes not copied, 0 if all were.  Eight bytes per iteration, then
; the tail (as memcpy, kernel/lib/string.c); a fault in the qwords goes on
; a byte at a time from where they stopped, so the copy ends exactly at
; the faulting byte, as Linux's does.
; Linux: arch/x86/lib/copy_user_64.S rep_movs_alternative
global copy_user_generic
copy_user_generic:
	mov rcx, rdx
	shr rcx, 3
	and edx, 7
	STAC
.copy8:
	rep movsq
	mov rcx, rdx
.copy:
	rep movsb
.fault:
	CLAC
	mov rax, rcx
	ret
.fault8:
	lea rcx, [rdx + rcx * 8]        ; the qwords not done, and the tail
	jmp .copy
	EXTABLE copy_user_generic.copy8, copy_user_generic.fault8
	EXTABLE copy_user_generic.copy, copy_user_generic.fault

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

; unsigned long __clear_user(void *dst, size_t n): the bytes not cleared
global __clear_user
__clear_user:
	mov rcx, rsi
	xor eax, eax
	STAC
.store:
	rep stosb
.fault:
	CLAC
	mov rax, rcx
	ret
	EXTABLE __clear_user.store, __clear_user.fault

; int __futex_atomic_cmpxchg(u32 *uval, u32 *uaddr, u32 oldval, u32 newval):
; *uaddr = newval if it was oldval, in one locked instruction; 0 with the
; value found in *uval, or -EFAULT.  Every futex read-modify-write of user
; memory (FUTEX_WAKE_OP, robust-list death) is a loop around this one.
; Linux: arch/x86/include/asm/futex.h futex_atomic_cmpxchg_inatomic()
global __futex_atomic_cmpxchg
__futex_atomic_cmpxchg:
	mov eax, edx
	STAC
.op:
	lock cmpxchg [rsi], ecx
	CLAC
	mov [rdi], eax
	xor eax, eax
	ret
	EXTABLE __futex_atomic_cmpxchg.op, uaccess_efault

; The fixup of the one-instruction accesses: SMAP closed, -EFAULT.
uaccess_efault:
	CLAC
	mov eax, -EFAULT
	ret

; int __put_user_N(uN x, uN *p), N = 2, 4, 8: one store into user
; memory, 0 or -EFAULT.  The caller has checked the range (access_ok),
; once for a whole array: epoll_wait's events, poll's revents.
; Linux: arch/x86/lib/putuser.S __put_user_2, _4, _8
%macro PUT_USER 2
global __put_user_%1
__put_user_%1:
	STAC
.store:
	mov [rsi], %2
	CLAC
	xor eax, eax
	ret
	EXTABLE __put_user_%1.store, uaccess_efault
%endmacro

PUT_USER 2, di
PUT_USER 4, edi
PUT_USER 8, rdi
