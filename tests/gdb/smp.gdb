# Each CPU is a gdb thread (QEMU's gdb stub): catch the first AP as it
# enters its idle loop, list the CPUs, look at the AP and at the boot CPU.
# boot: iso (as `make debug` boots it)
# smp: 4
hbreak kmain
continue
delete
break cpu_idle_secondary
continue
info threads
thread 2
bt
print pcpu[1].cpu_number
print pcpu[1].current_task->comm
thread 1
bt
# expect "the first AP (thread 2) stops in its idle loop": ^Thread 2 .*hit Breakpoint 2, cpu_idle_secondary \(
# expect "info threads lists CPU 0": ^\*? +1 +Thread 1\.1 \(CPU#0
# expect "and CPU 3 (4 CPUs)": ^ +4 +Thread 1\.4 \(CPU#3
# expect "thread 2 is CPU 1": ^\[Switching to thread 2 \(Thread 1\.2\)\]
# expect "bt: the idle loop": ^#0 +cpu_idle_secondary \(
# expect "called by start_secondary": ^#1 +0x[0-9a-f]+ in start_secondary \(
# expect "its per-CPU area": ^\$1 = 1$
# expect "and its idle task": ^\$2 = "idle
# expect "the boot CPU waits in smp_boot_cpus": ^#[0-9]+ +(0x[0-9a-f]+ in )?smp_boot_cpus \(
