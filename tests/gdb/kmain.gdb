# Boot to kmain, then walk through it line by line and into a call.
# boot: iso (as `make debug` boots it)
# The kernel is not in memory while QEMU is halted, hence hbreak.
hbreak kmain
continue
bt 1
next
next
next
step
bt 2
# expect "hbreak stops at kmain": breakpoint 1, kmain \(
# expect "bt shows kmain as frame #0": ^#0 +kmain \(
# expect "next reaches the multiboot2_parse line": ^[0-9]+\s+multiboot2_parse\(mbi_pa, &boot_info\);
# expect "step enters multiboot2_parse": ^#0 +multiboot2_parse \(
# expect "called from kmain": ^#1 +0x[0-9a-f]+ in kmain \(
