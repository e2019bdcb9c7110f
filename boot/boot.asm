; Pollux boot: GRUB (multiboot2) enters here in 32-bit protected mode with
; paging off.  We check for long mode, build early page tables (identity,
; direct map and higher half), switch to 64-bit mode and call
; kmain(magic, mbi) in the higher half.  Linux counterpart:
; arch/x86/boot/compressed/head_64.S (much simplified).

KERNEL_VMA      equ 0xffffffff80000000
DIRECT_MAP      equ 0xffff800000000000
COM1            equ 0x3f8

MB2_MAGIC       equ 0xe85250d6
MB2_ARCH_I386   equ 0

; ---------------------------------------------------------------------------
section .multiboot2
align 8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	; end tag
	dw 0, 0
	dd 8
mb2_header_end:

; ---------------------------------------------------------------------------
section .boot.text
bits 32
global _start
_start:
	cli
	mov esp, boot_stack_top - KERNEL_VMA
	mov edi, eax                    ; multiboot2 magic -> kmain arg 1
	mov esi, ebx                    ; physical mbi     -> kmain arg 2

	call check_long_mode
	call build_page_tables

	; CR4.PAE, CR3, EFER.LME, then CR0.PG|WP turns on long mode.
	mov eax, cr4
	or eax, 1 << 5
	mov cr4, eax
	mov eax, boot_pml4 - KERNEL_VMA
	mov cr3, eax
	mov ecx, 0xc0000080
	rdmsr
	or eax, 1 << 8
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16)
	mov cr0, eax

	lgdt [boot_gdt_ptr]
	jmp 0x08:long_mode_low

; Halts with a readable message on COM1 when the CPU cannot run 64-bit code.
check_long_mode:
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	jz .no_long_mode
	ret
.no_long_mode:
	mov esi, no_lm_msg
.next:
	lodsb
	test al, al
	jz .halt
	mov dx, COM1
	out dx, al
	jmp .next
.halt:
	hlt
	jmp .halt

; The first 4 GiB with 2 MiB pages, seen three ways: identity (PML4[0], only
; until kmain drops it), the direct map at DIRECT_MAP (PML4[256]) and the
; kernel image at KERNEL_VMA (PML4[511], PDPT[510] -> first GiB).
build_page_tables:
	mov eax, boot_pdpt_low - KERNEL_VMA
	or eax, 3
	mov [boot_pml4 - KERNEL_VMA], eax
	mov [boot_pml4 - KERNEL_VMA + 256 * 8], eax
	mov eax, boot_pdpt_high - KERNEL_VMA
	or eax, 3
	mov [boot_pml4 - KERNEL_VMA + 511 * 8], eax
	mov eax, boot_pd - KERNEL_VMA
	or eax, 3
	mov [boot_pdpt_high - KERNEL_VMA + 510 * 8], eax
	xor ecx, ecx
.pdpt:
	mov [boot_pdpt_low - KERNEL_VMA + ecx * 8], eax
	add eax, 4096
	inc ecx
	cmp ecx, 4
	jb .pdpt
	; 2048 PD entries: entry i maps i * 2 MiB (present, writable, huge)
	xor ecx, ecx
.pd:
	mov eax, ecx
	shl eax, 21
	or eax, 0x83
	mov [boot_pd - KERNEL_VMA + ecx * 8], eax
	mov eax, ecx
	shr eax, 11                     ; bits 32+ of i * 2 MiB
	mov [boot_pd - KERNEL_VMA + ecx * 8 + 4], eax
	inc ecx
	cmp ecx, 2048
	jb .pd
	ret

bits 64
long_mode_low:
	mov rax, long_mode_high
	jmp rax

section .boot.data
no_lm_msg: db "Pollux: this CPU has no 64-bit long mode; halting.", 13, 10, 0
align 8
boot_gdt:
	dq 0
	dq 0x00af9a000000ffff           ; 0x08 kernel code, 64-bit
	dq 0x00cf92000000ffff           ; 0x10 kernel data
boot_gdt_ptr:
	dw boot_gdt_ptr - boot_gdt - 1
	dq boot_gdt

; ---------------------------------------------------------------------------
section .text
bits 64
extern kmain
long_mode_high:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rsp, boot_stack_top
	xor ebp, ebp                    ; ends the backtrace here
	; edi = magic, esi = mbi (physical), as set at _start
	mov esi, esi
	call kmain
.hang:
	cli
	hlt
	jmp .hang

section .bss
align 4096
global boot_pml4
boot_pml4:      resb 4096
boot_pdpt_low:  resb 4096
boot_pdpt_high: resb 4096
boot_pd:        resb 4 * 4096
; The boot stack, which the idle task keeps (KSTACK_SIZE), above a page
; that kstack_init() unmaps: an overflow faults instead of overwriting
; the page tables above.
global boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard: resb 4096
boot_stack:     resb 16384
boot_stack_top:
