# Pollux: build, run, test and debug.  `make help` prints the list below,
# which names every target (tools/check-docs checks it against .PHONY).
#
#   make all             build/pollux.elf (kernel, with debug info) and build/pollux.iso
#   make iso             build/pollux.iso alone
#   make run             boot the ISO in QEMU, serial console on this terminal
#                        (SMP=N: N CPUs, default 4; docs/smp.md)
#                        (make run CMDLINE=trace=epoll: with a kernel command line;
#                        make run PROGS="a.out b.out": your static ELFs in /bin;
#                        make run NET=1: a virtio-net card, eth0 10.0.2.15, the
#                        host's port 8080 to its TCP port 80; docs/net.md)
#   make test            everything CI runs; the last line is "N passed, N failed"
#   make test-net        the network card's echo test alone (tools/test-net)
#   make test-linux      the user test, musl, thread and selftest programs, natively on this Linux
#   make test-linux-user the user test programs alone, natively
#   make selftests       Linux's epoll selftests (kselftest) in Pollux and natively
#   make unit-tests      the kernel's unit tests, on the host
#   make check-docs      the docs quote only functions and file:lines that exist
#   make debug           QEMU halted, its gdb stub on 127.0.0.1 (uid % 5000 + 25000)
#   make gdb             gdb attached to make debug's QEMU: kernel symbols, pollux-* helpers
#   make bench           epoll vs poll vs select, in Pollux under QEMU -icount;
#                        then the HTTP demo under the host's wrk (make bench-net)
#   make bench-linux     the benchmarks natively on this Linux
#   make bench-net       the HTTP demo in Pollux under the host's wrk (1 and 2 CPUs)
#   make bench-build     the benchmark programs, built only
#   make fuzz            the long syscall fuzz run (SEED=, CALLS=; docs/robustness.md)
#   make libc            build/libc/libc.a and crt0.o
#   make user            the programs of user/ (init, psh, kmemstat, the demos)
#   make deps            install the missing tools (tools/install-deps.sh)
#   make clean           remove build/
#   make help            this list
#
# Missing tools (qemu, nasm, grub, xorriso, mtools, ...) are installed first
# by tools/install-deps.sh.

BUILD   := build
CC      := gcc
NASM    := nasm
LD      := ld -z noexecstack --no-warn-rwx-segments
QEMU    := qemu-system-x86_64
# Slab debugging (redzones, poison, alloc/free tracks: kernel/mm/slab_debug.c)
# is on by default; the boot option slub_debug=- turns it off for one boot.
SLUB_DEBUG_ON ?= 1

# ---------------------------------------------------------------- kernel
KCFLAGS := -std=gnu11 -g -O2 -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -fno-builtin -nostdinc -nostdlib -fno-pic -fno-pie \
	-mcmodel=kernel -mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-80387 \
	-mgeneral-regs-only -fno-stack-protector -fno-omit-frame-pointer \
	-fno-optimize-sibling-calls -fno-tree-loop-distribute-patterns \
	-fno-asynchronous-unwind-tables -D__KERNEL__ -Iinclude -I$(BUILD)/gen -MMD -MP \
	-DCONFIG_SLUB_DEBUG_ON=$(SLUB_DEBUG_ON)
KASFLAGS := -f elf64 -g -F dwarf

KSRC_C   := $(shell find kernel drivers -name '*.c' | sort)
KSRC_ASM := $(wildcard boot/*.asm) $(shell find kernel -name '*.asm' | sort)
KOBJS    := $(patsubst %,$(BUILD)/%.o,$(KSRC_C) $(KSRC_ASM))
KERNEL   := $(BUILD)/pollux.elf

.PHONY: all iso run test test-net test-linux debug gdb clean help deps unit-tests \
	check-docs FORCE

all: $(KERNEL) $(BUILD)/pollux.iso $(BUILD)/tools/run-elf-init $(BUILD)/tools/profile-init

deps:
	@tools/install-deps.sh

$(BUILD)/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/%.asm.o: %.asm | deps
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(NASM) $(KASFLAGS) -MD $(@:.o=.d) -MP $< -o $@

# Every Linux system call's name by number, from include/uapi/unistd.h,
# as C initialisers (kernel/syscall_table.c: the -ENOSYS log and gdb).
$(BUILD)/gen/syscall_names.h: include/uapi/unistd.h
	@mkdir -p $(@D)
	sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9]*\)$$/[\2] = "\1",/p' $< > $@

$(BUILD)/kernel/syscall_table.c.o: $(BUILD)/gen/syscall_names.h

# Two links: the first gives the addresses for the symbol table that the
# second embeds (tools/gen-ksyms.sh; .ksyms follows .text, so no function
# moves between the links).
$(BUILD)/ksyms0.o: tools/gen-ksyms.sh | deps
	@mkdir -p $(BUILD)
	tools/gen-ksyms.sh > $(BUILD)/ksyms0.asm
	$(NASM) -f elf64 $(BUILD)/ksyms0.asm -o $@

$(KERNEL): $(KOBJS) $(BUILD)/ksyms0.o linker.ld
	$(LD) -n -T linker.ld -o $(BUILD)/pollux0.elf $(KOBJS) $(BUILD)/ksyms0.o
	tools/gen-ksyms.sh $(BUILD)/pollux0.elf $(BUILD)/ksyms.asm > $(BUILD)/ksyms.asm
	$(NASM) -f elf64 $(BUILD)/ksyms.asm -o $(BUILD)/ksyms.o
	$(LD) -n -T linker.ld -o $@ $(KOBJS) $(BUILD)/ksyms.o

# ---------------------------------------------------------------- user space
include libc/Makefile.inc
include user/Makefile.inc
include tests/user/Makefile.inc
include tests/unit/Makefile.inc
include tests/serial/Makefile.inc
include tests/gdb/Makefile.inc
include tests/raw/Makefile.inc
include tests/musl/Makefile.inc
include tests/threads/Makefile.inc
include tests/robust/Makefile.inc
include tests/selftests/Makefile.inc
include bench/Makefile.inc

# ---------------------------------------------------------------- initrd, ISO
# /bin holds what a user runs: Debian's busybox-static (its ash is /bin/sh,
# its applets linked as busybox --install lays them out) and our programs;
# the test programs are in /usr/tests.
BUSYBOX := /bin/busybox
INITRD_PROGS := $(addprefix $(BUILD)/user/,$(USER_PROGS))
INITRD_TESTS := $(addprefix $(BUILD)/tests/,$(USER_TEST_NAMES) runner)
INITRD_ARGS = --busybox $(BUSYBOX) $(INITRD_PROGS) --in /usr/tests $(INITRD_TESTS)

$(BUSYBOX):
	@tools/install-deps.sh

$(BUILD)/initrd.cpio: $(BUSYBOX) $(INITRD_PROGS) $(INITRD_TESTS) tools/mkinitrd.sh
	tools/mkinitrd.sh $@ $(INITRD_ARGS)

# make run PROGS="a.out b.out": your static ELFs in /bin too.
PROGS :=
$(BUILD)/initrd-progs.cpio: $(BUSYBOX) $(INITRD_PROGS) $(INITRD_TESTS) FORCE
	tools/mkinitrd.sh $@ $(INITRD_ARGS) --in /bin $(PROGS)

$(BUILD)/pollux.iso: $(KERNEL) $(BUILD)/initrd.cpio iso/grub.cfg | deps
	tools/mkiso.sh $@ $(KERNEL) $(BUILD)/initrd.cpio

iso: $(BUILD)/pollux.iso

# ---------------------------------------------------------------- run, debug
# -cpu max: every feature QEMU can emulate, SMEP and SMAP among them.
# SMP CPUs (make run SMP=1), each a host thread (multi-threaded TCG).
SMP ?= 4
export SMP
QEMU_FLAGS := -cpu max -m 512M -no-reboot -display none \
	-smp $(SMP) -accel tcg,thread=multi \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04

# COM2 (/dev/ttyS1) waits on a socket: tools/ttyS1 types into it.
TTYS1 := -chardev socket,id=ttyS1,path=$(BUILD)/ttyS1.sock,server=on,wait=off \
	-serial chardev:ttyS1

# make run CMDLINE="trace=epoll": the same boot with a kernel command line.
CMDLINE :=
RUN_ISO := $(if $(CMDLINE)$(PROGS),$(BUILD)/pollux-cmdline.iso,$(BUILD)/pollux.iso)
RUN_INITRD := $(if $(PROGS),$(BUILD)/initrd-progs.cpio,$(BUILD)/initrd.cpio)

$(BUILD)/pollux-cmdline.iso: $(KERNEL) $(RUN_INITRD) FORCE | deps
	tools/mkiso.sh $@ $(KERNEL) $(RUN_INITRD) $(CMDLINE)

FORCE:

# make run NET=1: QEMU's user networking behind a legacy virtio-net card
# (disable-modern=on: the transport drivers/net/virtio_net.c speaks),
# host port 8080 to the guest's TCP port 80 (tools/run-elf --net too).
# The options are a variable of their own: inside $(if) their commas
# would separate its arguments (QEMU then saw "-netdev user" alone).
NET :=
NET_OPTIONS := -netdev user,id=n0,hostfwd=tcp::8080-:80 \
	-device virtio-net-pci,netdev=n0,disable-modern=on
NET_FLAGS := $(if $(NET),$(NET_OPTIONS))

run: all $(RUN_ISO)
	$(QEMU) $(QEMU_FLAGS) $(NET_FLAGS) -serial mon:stdio $(TTYS1) -cdrom $(RUN_ISO)

test-net: all
	tools/test-net

# gdb port per user (xv6's habit), so two users on one machine do not
# collide; the stub listens on the loopback interface only.
GDBPORT := $(shell expr `id -u` % 5000 + 25000)

debug: all $(RUN_ISO)
	@echo "QEMU is halted; in another terminal: make gdb   (Ctrl-a x quits QEMU)"
	$(QEMU) $(QEMU_FLAGS) -serial mon:stdio $(TTYS1) -cdrom $(RUN_ISO) -S \
		-gdb tcp:127.0.0.1:$(GDBPORT)

# Without a QEMU listening, say so at once instead of gdb's timeout.
gdb: $(KERNEL)
	@ss -Hltn "sport = :$(GDBPORT)" | grep -q . || \
		{ echo "make gdb: no QEMU waits on 127.0.0.1:$(GDBPORT): run \`make debug\` first (in another terminal)" >&2; exit 1; }
	gdb -q -ex "set architecture i386:x86-64" -ex "file $(KERNEL)" \
	    -ex "target remote localhost:$(GDBPORT)" -x tools/gdb/pollux-gdbinit

# ---------------------------------------------------------------- tests
test: all $(USER_TESTS) $(SERIAL_TESTS) $(GDB_TEST_PROG) $(RAW_TESTS) $(MUSL_TESTS) \
	$(THREAD_TESTS) $(ROBUST_TESTS) $(SELFTESTS) bench-build
	tools/test-all.sh

test-linux: $(addprefix $(BUILD)/tests/,$(USER_TEST_NAMES)) $(MUSL_TESTS) $(THREAD_TESTS) $(SELFTESTS)
	tools/run-tests --linux-only $(filter-out $(SELFTESTS),$^)
	tests/selftests/run.sh --linux-only

clean:
	rm -rf $(BUILD)

check-docs:
	tools/check-docs

help:
	@sed -n '/^#   make /,/^#$$/{/^#$$/d;s/^#   //;p}' Makefile

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
