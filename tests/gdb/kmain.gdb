# Boot to kmain.
# boot: iso (as `make debug` boots it)
# The kernel is not in memory while QEMU is halted, hence hbreak.
hbreak kmain
continue
bt
# expect "hbreak stops at kmain": breakpoint 1, kmain \(
# expect "bt shows kmain as frame #0": ^#0 +kmain \(
