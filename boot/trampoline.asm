; Where the other CPUs (the APs) start.  A start-up IPI (smpboot.c) wakes
; an AP in 16-bit real mode at CS:IP = 0x0800:0000, i.e. at 0x8000, where
; the boot CPU has copied this blob (it is only data in the kernel image).
; The AP walks the same road boot.asm took: protected mode, PAE and the
; page tables, EFER.LME, paging on = long mode, then a jump into the
; kernel's C code (start_secondary) on the stack the boot CPU gave it.
; The page tables are the kernel's, plus the first 4 GiB identity-mapped
; (PML4 entry 0) so that this code, at 0x8000, stays mapped when paging
; comes on; start_secondary then loads the kernel's own.
; Linux: arch/x86/realmode/rm/trampoline_64.S.

TRAMPOLINE_BASE equ 0x8000
; a label's address in the copy at TRAMPOLINE_BASE
%define ABS(x) (TRAMPOLINE_BASE + (x) - trampoline_start)

section .rodata
global trampoline_start, trampoline_end
global trampoline_cr3, trampoline_efer, trampoline_entry, trampoline_stack
align 16
bits 16
trampoline_start:
	cli
	cld
	mov ax, cs                      ; 0x0800: the start-up IPI's page
	mov ds, ax
	lgdt [tr_gdtr - trampoline_start]
	mov eax, cr0
	or eax, 1                       ; PE: protected mode
	mov cr0, eax
	jmp dword 0x08:ABS(tr_protected)

bits 32
tr_protected:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov eax, cr4
	or eax, 1 << 5                  ; PAE
	mov cr4, eax
	mov eax, [ABS(trampoline_cr3)]
	mov cr3, eax
	mov ecx, 0xc0000080             ; EFER: the boot CPU's (LME, NXE, SCE)
	mov eax, [ABS(trampoline_efer)]
	mov edx, [ABS(trampoline_efer) + 4]
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16)   ; PG, WP: long mode
	mov cr0, eax
	jmp 0x18:ABS(tr_long)

bits 64
tr_long:
	mov rsp, [ABS(trampoline_stack)]
	mov rax, [ABS(trampoline_entry)]
	xor ebp, ebp                    ; the backtrace ends here
	push 0                          ; as if called: rsp = 8 mod 16
	jmp rax

align 8
tr_gdt:
	dq 0
	dq 0x00cf9a000000ffff           ; 0x08 code, 32-bit
	dq 0x00cf92000000ffff           ; 0x10 data
	dq 0x00af9a000000ffff           ; 0x18 code, 64-bit
tr_gdtr:
	dw tr_gdtr - tr_gdt - 1
	dd ABS(tr_gdt)

; Filled in by the boot CPU in the copy, before each start-up IPI.
align 8
trampoline_cr3:   dq 0                 ; the page tables above (< 4 GiB)
trampoline_efer:  dq 0
trampoline_entry: dq 0                 ; start_secondary
trampoline_stack: dq 0                 ; the top of this AP's idle stack
trampoline_end:
