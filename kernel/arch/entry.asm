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

; swapgs when the trapframe's CS, at [rsp + %1], is ring 3's.  "jz $+5"
; jumps over the 3-byte swapgs without a label, so that backtraces name
; the stub, not a local label.
%macro SWAPGS_IF_USER 1
	test qword [rsp + %1], 3
	jz short $+5
	swapgs
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

; Vector 2, the NMI, has its own stub below (nmi_entry).
%assign i 0
%rep 256
%if i == 2
%elif i == 8 || (i >= 10 && i <= 14) || i == 17 || i == 21 || i == 29 || i == 30
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
%rep 256
%if i == 2
	dq nmi_entry
%else
	dq isr_ %+ i
%endif
%assign i i + 1
%endrep
section .text

; The CPU leaves RFLAGS.AC as it was, and user mode may set it: clear it,
; or SMAP would let this entry's C code touch user memory (iretq restores
; the interrupted AC).
;
; GS: in the kernel the GS base is this CPU's struct pcpu (percpu.h), in
; user mode it is the task's own.  So swapgs on the way in exactly when
; we came from ring 3 (the CS the CPU pushed says so), and again on the
; way out exactly when we return there.  Linux: entry_64.S, "swapgs if
; we came from user mode" (error_entry, and its exit paths).
trap_common:
	CLAC
	SWAPGS_IF_USER 3 * 8            ; CS: vector, error, rip, then cs
	SAVE_REGS
	mov rdi, rsp
	cld
	call trap_dispatch
; Leaves through the trapframe at rsp: to user mode (swapgs first) or back
; into the interrupted kernel code.  Interrupts off from the swapgs on: an
; interrupt between it and iretq would find the user's GS base in ring 0.
global trap_return
trap_return:
	cli
	SWAPGS_IF_USER 18 * 8           ; trapframe.cs
	RESTORE_REGS
	add rsp, 16                     ; vector and error code
	iretq

; An NMI (the stop a panic sends, smp.c, or the profiler's HPET sample,
; kernel/profile.c) may arrive anywhere, even in syscall_entry before its
; swapgs, with CS already the kernel's and GS still the user's: CS cannot tell, so look at the GS base itself
; (a kernel address is negative) and remember in rbx whether to swap back.
; Linux: entry_64.S asm_exc_nmi, paranoid_entry.
extern do_nmi
nmi_entry:
	push 0
	push 2
	CLAC
	SAVE_REGS
	mov ecx, 0xc0000101             ; MSR_GS_BASE
	rdmsr
	not edx
	shr edx, 31
	mov ebx, edx                    ; 1: the GS base is the user's
	test ebx, ebx
	jz short $+5
	swapgs
	mov rdi, rsp
	cld
	call do_nmi
	test ebx, ebx
	jz short $+5
	swapgs
	RESTORE_REGS
	add rsp, 16
	iretq

; A new task's first return to user space: its kernel stack holds a
; trapframe built by fork or execve (kernel/proc/fork.c).
global ret_from_fork
ret_from_fork:
	jmp trap_return

; syscall: rip in rcx, rflags in r11, interrupts off (FMASK), still on the
; user stack, and the user's GS base.  swapgs gives us this CPU's struct
; pcpu (percpu.h): gs:PCPU_KERNEL_RSP is this task's kernel stack top,
; gs:PCPU_USER_RSP a scratch slot for the user rsp.  The kernel keeps that
; GS base until the swapgs just before sysret (or trap_return's).
PCPU_KERNEL_RSP equ 0
PCPU_USER_RSP   equ 8
global syscall_entry
syscall_entry:
	swapgs
	mov [gs:PCPU_USER_RSP], rsp
	mov rsp, [gs:PCPU_KERNEL_RSP]
	push 0x1b                       ; ss (USER_DS)
	push qword [gs:PCPU_USER_RSP]   ; rsp
	push r11                        ; rflags
	push 0x23                       ; cs (USER_CS)
	push rcx                        ; rip
	push rax                        ; error slot: the syscall number (Linux: orig_ax)
	push 0x100                      ; vector: VECTOR_SYSCALL
	SAVE_REGS
	mov rdi, rsp
	cld
	call syscall_dispatch
	cli
	; sysret sets rip from rcx and rflags from r11: when the trapframe's
	; rcx and r11 are other registers' (after rt_sigreturn: the code a
	; signal interrupted) or rip is above user space, syscall_dispatch
	; said false, and iretq restores them all (Linux: do_syscall_64()'s
	; false, then the IRET path).  exit_to_user_mode() has made sure rip
	; is canonical: iretq to a non-canonical rip #GPs in ring 0.
	test al, al
	jz trap_return
	RESTORE_REGS
	add rsp, 16
	pop rcx                         ; rip
	add rsp, 8                      ; cs
	pop r11                         ; rflags
	pop rsp                         ; user rsp: from here on, no kernel stack
	swapgs                          ; the user's GS base back
	o64 sysret

; void switch_to(struct context **old, struct context *new, int *prev_on_cpu)
; Saves the callee-saved registers on the old stack, records where, and
; resumes the new task where it last called switch_to.  Once off the old
; stack it clears the old task's on_cpu: from then on another CPU may
; run that task (a plain store: x86 keeps it after the pushes, a
; release).  Linux: arch/x86/entry/entry_64.S __switch_to_asm, and
; finish_task()'s smp_store_release(&prev->on_cpu, 0).
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
	mov dword [rdx], 0
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret
