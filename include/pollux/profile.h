/*
 * The sampling profiler (kernel/profile.c): Linux's profile= boot option.
 *   profile=N         each timer tick counts the kernel text it interrupted,
 *                     in counters of 2^N bytes: /proc/profile;
 *   profile=stack,N   and the interrupted call chain: /proc/profile_stacks;
 *   profile_period=NS samples by HPET NMI every NS ns instead of at
 *                     each tick: where interrupts are off too.
 * docs/profiling.md shows how to use it (tools/profile).
 */
#ifndef POLLUX_PROFILE_H
#define POLLUX_PROFILE_H

#include <pollux/types.h>

struct file;
struct seq_file;
struct trapframe;

/* What a profile counts (Linux: include/linux/profile.h); Pollux has CPU
 * time only (Linux also has SCHED_PROFILING, KVM_PROFILING). */
#define CPU_PROFILING 1

/* Parses profile='s value (NULL: off) and makes the buffers; with
 * profile_period= (ns, NULL: none) samples come from the HPET at hpet
 * (a physical address, 0: none) as NMIs instead of the timer tick.
 * Linux: kernel/profile.c profile_setup() + profile_init() */
void profile_init(const char *option, const char *period, u64 hpet);

/* One sample of the registers the current interrupt interrupted; called
 * by the timer tick.  Linux: kernel/profile.c profile_tick() */
void profile_tick(int type);

/* The sample of an NMI (profile_period=); false if NMIs do not sample,
 * and the NMI is someone else's. */
bool profile_nmi(struct trapframe *regs);

/* /proc/profile (read: the counters; write: reset), or NULL and *err. */
struct file *profile_proc_open(const char *name, int flags, int *err);

/* /proc/profile_stacks's text; -ENOENT without profile=stack. */
int profile_stacks_show(struct seq_file *m);

#endif
