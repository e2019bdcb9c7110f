# The state boot/boot.asm leaves for kmain: long mode, the early page
# tables, then vmm_init dropping the identity map.
# boot: iso (as `make debug` boots it)
hbreak kmain
continue
bt
info registers cr0 cr3 cr4 efer
print/x magic
print/x &boot_pml4
print $cr3 == (unsigned long)&boot_pml4 - 0xffffffff80000000
print/x boot_pml4[0]
print/x boot_pml4[256]
print/x boot_pml4[511]
break pic_init
continue
print/x boot_pml4[0]
info registers efer
info registers cr4
# expect "hbreak stops at kmain": breakpoint 1, kmain \(
# expect "kmain was called from boot.asm": ^#1 +0x[0-9a-f]+ in long_mode_high \(\) at boot/boot.asm
# expect "paging, write protect and protected mode on": ^cr0 +0x[0-9a-f]+ +\[ PG WP ET PE \]
# expect "only PAE in cr4": ^cr4 +0x20 +\[ PAE \]
# expect "long mode enabled and active": ^efer +0x500 +\[ LMA LME \]
# expect "eax held the multiboot2 magic": ^\$1 = 0x36d76289$
# expect "boot_pml4 is in the kernel image": ^\$2 = 0xffffffff80[0-9a-f]{6}$
# expect "cr3 holds boot_pml4's physical address": ^\$3 = 1$
# expect "PML4[0] (identity) is present and writable": ^\$4 = 0x[0-9a-f]+0[02]3$
# expect "PML4[256] (direct map) is present and writable": ^\$5 = 0x[0-9a-f]+0[02]3$
# expect "PML4[511] (kernel image) is present and writable": ^\$6 = 0x[0-9a-f]+0[02]3$
# expect "kmain reaches pic_init, after memory_init": ^(Thread [0-9]+ hit )?Breakpoint 2, pic_init \(
# expect "vmm_init cleared the identity map": ^\$7 = 0x0$
# expect "syscall_init and vmm_init set SCE and NXE": ^efer +0x[0-9a-f]+ +\[ NXE LMA LME SCE \]
# expect "fpu_init and smep_smap_init set OSFXSR, OSXMMEXCPT, SMEP, SMAP": ^cr4 +0x[0-9a-f]+ +\[ SMAP SMEP OSXMMEXCPT OSFXSR PAE \]
