/*
 * tlb_shootdown: once munmap or mprotect has returned, no thread of the
 * process reaches the page the old way, whichever CPU it runs on.  A
 * thread pinned to the last CPU writes a page without pause, so that its
 * CPU's TLB holds the translation; main, pinned to CPU 0, munmaps the
 * page (or mprotects it to PROT_READ) and then sets a flag.  The writer
 * reads the flag before each write: a write after it saw the flag must
 * fault, SIGSEGV at the page's address.  Without the kernel's TLB
 * shootdown (an IPI that flushes the writer's CPU, Linux's
 * flush_tlb_mm_range) the write goes on through the stale entry: into a
 * page already freed after munmap, into a read-only page after mprotect.
 * On one CPU both threads share CPU 0 and the test still holds.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

#include "tt.h"

#define ROUNDS 10
#define WARM_WRITES 100000	/* before main changes the mapping */

static volatile int *page;
static volatile int changed;		/* set by main after munmap/mprotect */
static volatile long writes;
static sigjmp_buf fault_jmp;
static void *volatile fault_addr;
static volatile int fault_code;

/* The writer's SIGSEGV: where, and why; back into the writer. */
static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	siglongjmp(fault_jmp, 1);
}

static int pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

struct writer_result {
	int faulted;		/* SIGSEGV after the change */
	int wrote_after;	/* a write after the change did not fault */
	int cpu;		/* where the writer ran */
};

static void *writer(void *arg)
{
	struct writer_result *r = arg;

	pin(sysconf(_SC_NPROCESSORS_ONLN) - 1);
	r->cpu = sched_getcpu();
	if (sigsetjmp(fault_jmp, 1)) {
		r->faulted = 1;
		return NULL;
	}
	for (;;) {
		int seen = changed;

		*page = (int)writes;
		if (seen) {
			r->wrote_after = 1;
			return NULL;
		}
		writes++;
	}
}

/* One round: returns 1 if the writer faulted at the page with code,
 * never wrote after the change, and (with several CPUs) ran on another
 * CPU than main. */
static int round_ok(int unmap, int code)
{
	struct writer_result r = { 0, 0, -1 };
	pthread_t t;
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	page = p;
	changed = 0;
	writes = 0;
	fault_addr = NULL;
	pthread_create(&t, NULL, writer, &r);
	while (writes < WARM_WRITES)
		;
	if (unmap)
		munmap(p, 4096);
	else
		mprotect(p, 4096, PROT_READ);
	changed = 1;
	pthread_join(t, NULL);
	if (!unmap)
		munmap(p, 4096);
	return r.faulted && !r.wrote_after && fault_addr == p &&
	       fault_code == code &&
	       (sysconf(_SC_NPROCESSORS_ONLN) == 1 || r.cpu != sched_getcpu());
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	int unmapped = 0, protected = 0;

	sigaction(SIGSEGV, &sa, NULL);
	pin(0);
	for (int i = 0; i < ROUNDS; i++) {
		unmapped += round_ok(1, SEGV_MAPERR);
		protected += round_ok(0, SEGV_ACCERR);
	}
	CHECK_EQ(unmapped, ROUNDS,
		 "munmap: the writer on another CPU faults (SEGV_MAPERR at the page) at its next write");
	CHECK_EQ(protected, ROUNDS,
		 "mprotect(PROT_READ): the writer on another CPU faults (SEGV_ACCERR at the page) at its next write");
	return tt_done();
}
