/*
 * Random bytes: getrandom(2), /dev/random and /dev/urandom.
 *
 * NOT cryptographic.  Each 64-bit word comes from RDSEED or RDRAND when
 * CPUID says the CPU has them (and they deliver); otherwise from the TSC
 * stirred into a xorshift64* generator, which is predictable to anyone
 * who can guess the boot's timing.  Good enough for hash seeds and test
 * data; not for keys.  There is no entropy pool to wait for, so
 * /dev/random and GRND_RANDOM never block, as on Linux since 5.6 once
 * the pool is initialised.
 * Linux: drivers/char/random.c (get_random_bytes, getrandom, random_fops).
 */
#include <pollux/fs.h>
#include <pollux/arch/cpu.h>
#include <pollux/syscalls.h>
#include <pollux/uaccess.h>
#include <pollux/string.h>
#include <pollux/sched.h>
#include <pollux/signal.h>
#include <pollux/mm.h>
#include <uapi/errno.h>

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004

enum { HW_UNKNOWN, HW_NONE, HW_RDRAND, HW_RDSEED };
static int hw = HW_UNKNOWN;
static u64 prng_state;

/* CPUID.1:ECX bit 30 is RDRAND, CPUID.7.0:EBX bit 18 is RDSEED. */
static int probe_hw(void)
{
	u32 a, b, c, d, max;

	cpuid(0, &max, &b, &c, &d);
	if (max >= 7) {
		cpuid(7, &a, &b, &c, &d);
		if (b & (1u << 18))
			return HW_RDSEED;
	}
	cpuid(1, &a, &b, &c, &d);
	return c & (1u << 30) ? HW_RDRAND : HW_NONE;
}

/* One hardware word; false if the instruction had none ready (CF=0). */
static bool hw_word(u64 *v)
{
	unsigned char ok;

	if (hw == HW_RDSEED)
		__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
	else
		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

/* xorshift64* over the TSC: cheap and honest about what it is. */
static u64 prng_word(void)
{
	u64 x = prng_state ^ rdtsc();

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	prng_state = x ? x : 0x9e3779b97f4a7c15UL;
	return x * 0x2545f4914f6cdd1dUL;
}

static u64 random_word(void)
{
	u64 v;

	if (hw == HW_UNKNOWN)
		hw = probe_hw();
	for (int tries = 0; hw != HW_NONE && tries < 10; tries++)
		if (hw_word(&v))
			return v;
	return prng_word();
}

/* Linux: drivers/char/random.c get_random_bytes() */
void get_random_bytes(void *buf, size_t n)
{
	for (size_t i = 0; i < n; i += sizeof(u64)) {
		u64 v = random_word();

		memcpy((char *)buf + i, &v, MIN(n - i, sizeof(v)));
	}
}

/* Fills a user buffer; a fault, or a signal (checked each page, as the
 * kernel is not preempted), after some bytes is a short count.
 * Linux: drivers/char/random.c get_random_bytes_user() */
static ssize_t get_random_bytes_user(char __user *buf, size_t n)
{
	size_t done = 0, left;

	while (done < n) {
		char chunk[64];
		size_t len = MIN(n - done, sizeof(chunk));

		if (done && done % PAGE_SIZE == 0 && signal_pending(current))
			break;
		get_random_bytes(chunk, len);
		left = copy_to_user(buf + done, chunk, len);
		done += len - left;
		if (left)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

/* Linux: drivers/char/random.c SYSCALL_DEFINE3(getrandom) */
long sys_getrandom(char __user *buf, size_t count, unsigned int flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	/* "random" and "insecure" contradict each other */
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) ==
	    (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (count > 0x7fffffff)		/* INT_MAX, as Linux */
		count = 0x7fffffff;
	return get_random_bytes_user(buf, count);
}

/* Linux: drivers/char/random.c random_read_iter() */
static ssize_t random_read(struct file *f, char __user *buf, size_t n,
			   loff_t *pos)
{
	return get_random_bytes_user(buf, n);
}

/* Writes are taken (Linux mixes them into the pool) and ignored. */
static ssize_t random_write(struct file *f, const char __user *buf, size_t n,
			    loff_t *pos)
{
	return n;
}

/* Linux: drivers/char/random.c random_fops / urandom_fops */
const struct file_operations random_fops = {
	.read = random_read,
	.write = random_write,
	.llseek = noop_llseek,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
};
