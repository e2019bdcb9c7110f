; Every way into the kernel and back out: exception and IRQ stubs, the
; syscall instruction's entry, and the context switch.  Each entry saves a
; struct trapframe (include/pollux/arch/trapframe.h) on the kernel stack
; and calls C with a pointer to it.  Linux: arch/x86/entry/entry_64.S.

bits 64
section .text

%include "kernel/arch/smap.inc"

extern trap_dispatch
extern syscall_dispatch

%macro SAVE_REGS 0
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
%endmacro

%macro RESTORE_REGS 0
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
%endmacro

; Vectors where the CPU pushes no error code get a 0 so the frame is uniform.
%macro ISR_NOERR 1
isr_%1:
	push 0
	push %1
	jmp trap_common
%endmacro
%macro ISR_ERR 1
isr_%1:
	push %1
	jmp trap_common
%endmacro

%assign i 0
%rep 48
%if i == 8 || (i >= 10 && i <= 14) || i == 17 || i == 21 || i == 29 || i == 30
	ISR_ERR i
%else
	ISR_NOERR i
%endif
%assign i i + 1
%endrep

; Table of the stubs' addresses for idt_init().
section .rodata
global isr_table
isr_table:
%assign i 0
%rep 48
	dq isr_ %+ i
%assign i i + 1
%endrep
section .text

; The CPU leaves RFLAGS.AC as it was, and user mode may set it: clear it,
; or SMAP would let this entry's C code touch user memory (iretq restores
; the interrupted AC).
trap_common:
	CLAC
	SAVE_REGS
	mov rdi, rsp
	cld
	call trap_dispatch
global trap_return
trap_return:
	RESTORE_REGS
	add rsp, 16                     ; vector and error code
	iretq

; A new task's first return to user space: its kernel stack holds a
; trapframe built by fork or execve (kernel/proc/fork.c).
global ret_from_fork
ret_from_fork:
	jmp trap_return

; syscall: rip in rcx, rflags in r11, interrupts off (FMASK), still on the
; user stack.  swapgs gives us the per-CPU area: gs:0 is this task's kernel
; stack top, gs:8 a scratch slot for the user rsp.
global syscall_entry
syscall_entry:
	swapgs
	mov [gs:8], rsp
	mov rsp, [gs:0]
	push 0x1b                       ; ss (USER_DS)
	push qword [gs:8]               ; rsp
	push r11                        ; rflags
	push 0x23                       ; cs (USER_CS)
	push rcx                        ; rip
	swapgs
	push rax                        ; error slot: the syscall number (Linux: orig_ax)
	push 0x100                      ; vector: VECTOR_SYSCALL
	SAVE_REGS
	mov rdi, rsp
	cld
	call syscall_dispatch
	cli
	; exit_to_user_mode() has made sure rip is canonical: to a
	; non-canonical rip, iretq #GPs in ring 0 just as sysret does on
	; Intel, with user registers loaded (Linux lets the iretq fault and
	; recovers: fixup_bad_iret).  Above user space, take iretq anyway,
	; as Linux's do_syscall_64() does for ip >= TASK_SIZE_MAX.
	mov rcx, [rsp + 17 * 8]         ; trapframe.rip
	mov rax, 0x00007fffffffffff
	cmp rcx, rax
	ja trap_return
	RESTORE_REGS
	add rsp, 16
	pop rcx                         ; rip
	add rsp, 8                      ; cs
	pop r11                         ; rflags
	pop rsp                         ; user rsp: from here on, no kernel stack
	o64 sysret

; void switch_to(struct context **old, struct context *new)
; Saves the callee-saved registers on the old stack, records where, and
; resumes the new task where it last called switch_to.  Linux:
; arch/x86/entry/entry_64.S __switch_to_asm.
global switch_to
switch_to:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, rsi
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret
