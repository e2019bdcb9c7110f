/*
 * kernel/lib/vsprintf.c held against the host's snprintf: every format in
 * the table is printed by both, and the output and the return value must
 * be the same.  Then truncation: the bytes written into a small buffer
 * and the return value ("the length it would have had"), as C specifies.
 */
#include <pollux/printk.h>

#include "host.h"
#include "test.h"

/* One case: the kernel's and the host's snprintf on the same arguments.
 * The line names the call, e.g.  snprintf("%-5d|", 42). */
#define CASE(fmt, ...)                                                      \
	do {                                                                \
		char got_[128], want_[128];                                 \
		int gn_ = snprintf(got_, sizeof(got_), fmt, __VA_ARGS__);   \
		int wn_ = host_snprintf(want_, sizeof(want_), fmt, __VA_ARGS__); \
		check_case("snprintf(\"" fmt "\", " #__VA_ARGS__ ")",       \
			   got_, gn_, want_, wn_);                          \
	} while (0)

/* Output and return value as one string, so one line shows both. */
static void check_case(const char *what, const char *got, int gn,
		       const char *want, int wn)
{
	char g[160], w[160];

	host_snprintf(g, sizeof(g), "[%s] ret %d", got, gn);
	host_snprintf(w, sizeof(w), "[%s] ret %d", want, wn);
	CHECK_STR(g, w, what);
}

/* Through a variable, so gcc cannot see (and warn about) the NULL. */
static const char *volatile null_string;
static void *volatile null_pointer;

static void test_integers(void)
{
	CASE("%d", 0);
	CASE("%d|%d", 42, -42);
	CASE("%i", -2147483647 - 1);
	CASE("%d", 2147483647);
	CASE("%u", 4294967295u);
	CASE("%u", -1);
	CASE("%x|%X", 0xdeadbeefu, 0xdeadbeefu);
	CASE("%x", 0);
	CASE("%o", 8);
	CASE("%ld", -9223372036854775807L - 1);
	CASE("%lu", 18446744073709551615UL);
	CASE("%lx", 0xffff800000000000UL);
	CASE("%lld", -1234567890123LL);
	CASE("%llx", 0x123456789abcdefULL);
	CASE("%zu|%zd", (size_t)12345, (long)-5);
}

static void test_widths(void)
{
	CASE("[%5d]", 42);
	CASE("[%-5d]", 42);
	CASE("[%05d]", 42);
	CASE("[%05d]", -42);
	CASE("[%2d]", 12345);
	CASE("[%8x]", 0xbeefu);
	CASE("[%08x]", 0xbeefu);
	CASE("[%016lx]", 0xffffffff80001000UL);
	CASE("[%-8lx]", 0x1fUL);
	CASE("[%*d]", 6, 7);
	CASE("[%8u]", 3000000000u);
	CASE("[%05u]", 0);
}

static void test_strings_chars(void)
{
	CASE("%s", "hello");
	CASE("[%8s]", "abc");
	CASE("[%-8s]", "abc");
	CASE("[%2s]", "abcdef");
	CASE("[%.3s]", "abcdef");
	CASE("[%8.2s]", "abcdef");
	CASE("[%s]", "");
	CASE("[%s]", null_string);
	CASE("%c%c%c", 'P', 'o', 'x');
	CASE("[%3c]", 'z');
	CASE("[%-3c]", 'z');
	CASE("100%% %s", "done");
	CASE("%s=%d %s", "tfd", 5, "ok");
}

static void test_pointers(void)
{
	CASE("%p", (void *)0xffff800000001000UL);
	CASE("%p", (void *)0x1000UL);
	CASE("[%18p]", (void *)0x1000UL);
	CASE("[%-18p]", (void *)0x1000UL);
	CASE("%p", null_pointer);
}

/* A small buffer: exactly size-1 bytes and a NUL are written, nothing
 * after them, and the return value is the full length. */
static void test_truncation(void)
{
	static const unsigned long sizes[] = { 0, 1, 2, 5, 11, 12, 13 };

	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char got[32], want[32], what[80];
		int gn, wn;

		host_memset(got, 'X', sizeof(got));
		host_memset(want, 'X', sizeof(want));
		gn = snprintf(got, sizes[i], "%s-%05d", "abcdef", 42);
		wn = host_snprintf(want, sizes[i], "%s-%05d", "abcdef", 42);
		host_snprintf(what, sizeof(what),
			      "truncated to size %lu: return value", sizes[i]);
		CHECK_EQ(gn, wn, what);
		host_snprintf(what, sizeof(what),
			      "truncated to size %lu: bytes written", sizes[i]);
		CHECK_MEM(got, want, sizeof(got), what);
	}
	CHECK_EQ(snprintf(NULL, 0, "%d", 123456), 6,
		 "size 0 with a NULL buffer: only the length");
}

int main(void)
{
	test_integers();
	test_widths();
	test_strings_chars();
	test_pointers();
	test_truncation();
	return test_done();
}
