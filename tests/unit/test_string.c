/*
 * kernel/lib/string.c held against the host C library: every function is
 * run on the same inputs as glibc's and must give the same bytes and the
 * same result (the same sign, for the comparisons).  Each check covers a
 * whole table and reports the first case that differs.
 */
#include <pollux/string.h>

#include "host.h"
#include "test.h"

#define BUF 96

static char why[128];

/* Remember the first differing case of the current check. */
static void differ(const char *fmt, long a, long b)
{
	if (why[0] == '\0')
		host_snprintf(why, sizeof(why), fmt, a, b);
}

static void check_table(const char *what)
{
	CHECK_STR(why[0] ? why : "none", "none", what);
	why[0] = '\0';
}

/* A recognisable pattern with bytes above 0x7f, so signedness shows. */
static void fill(unsigned char *p, int n, int seed)
{
	for (int i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 37);
}

static void test_memcpy_memset(void)
{
	unsigned char src[BUF], got[BUF], want[BUF];

	fill(src, BUF, 1);
	for (int off = 0; off < 8; off++)
		for (int n = 0; n <= 64; n++) {
			host_memset(got, 0xAA, BUF);
			host_memset(want, 0xAA, BUF);
			if (memcpy(got + off, src + 3, n) != got + off)
				differ("memcpy off %ld n %ld: return value", off, n);
			host_memcpy(want + off, src + 3, n);
			if (host_memcmp(got, want, BUF))
				differ("memcpy off %ld n %ld: bytes", off, n);
		}
	check_table("memcpy: bytes and return, sizes 0-64, offsets 0-7");

	for (int c = -1; c <= 0x1ff; c += 0x55)
		for (int n = 0; n <= 40; n += 3) {
			host_memset(got, 0xAA, BUF);
			host_memset(want, 0xAA, BUF);
			if (memset(got + 1, c, n) != got + 1)
				differ("memset c %ld n %ld: return value", c, n);
			host_memset(want + 1, c, n);
			if (host_memcmp(got, want, BUF))
				differ("memset c %ld n %ld: bytes", c, n);
		}
	check_table("memset: bytes and return, c is cut to a byte");
}

/* Overlapping moves in both directions, as a list or ring shift does. */
static void test_memmove(void)
{
	unsigned char got[BUF], want[BUF];

	for (int dst = 0; dst < 24; dst++)
		for (int src = 0; src < 24; src++) {
			fill(got, BUF, 5);
			fill(want, BUF, 5);
			if (memmove(got + dst, got + src, 40) != got + dst)
				differ("memmove dst %ld src %ld: return", dst, src);
			host_memmove(want + dst, want + src, 40);
			if (host_memcmp(got, want, BUF))
				differ("memmove dst %ld src %ld: bytes", dst, src);
		}
	check_table("memmove: every overlap of a 40-byte move");
}

static const char *const strings[] = {
	"", "a", "b", "ab", "abc", "abd", "abcd", "ab\x80", "ab\xff", "\xff",
	"hello world", "hello", "hellp", "Hello",
};
#define NSTR (int)(sizeof(strings) / sizeof(strings[0]))

static void test_compare(void)
{
	for (int i = 0; i < NSTR; i++)
		for (int j = 0; j < NSTR; j++) {
			const char *a = strings[i], *b = strings[j];
			unsigned long la = host_strlen(a), lb = host_strlen(b);
			unsigned long n = (la < lb ? la : lb) + 1;

			if (sign(strcmp(a, b)) != sign(host_strcmp(a, b)))
				differ("strcmp strings[%ld] strings[%ld]", i, j);
			if (sign(memcmp(a, b, n)) != sign(host_memcmp(a, b, n)))
				differ("memcmp strings[%ld] strings[%ld]", i, j);
			for (unsigned long k = 0; k <= n + 2; k++)
				if (sign(strncmp(a, b, k)) !=
				    sign(host_strncmp(a, b, k)))
					differ("strncmp strings[%ld] strings[%ld]",
					       i, j);
		}
	check_table("strcmp, strncmp, memcmp: same sign as glibc, bytes unsigned");
	CHECK_EQ(memcmp("abc", "xyz", 0), 0, "memcmp of 0 bytes is 0");
}

static void test_length_search(void)
{
	for (int i = 0; i < NSTR; i++) {
		const char *s = strings[i];

		if (strlen(s) != host_strlen(s))
			differ("strlen strings[%ld]", i, 0);
		for (unsigned long max = 0; max < 14; max++)
			if (strnlen(s, max) != host_strnlen(s, max))
				differ("strnlen strings[%ld] max %ld", i, max);
		for (int c = -1; c <= 0x1ff; c++)
			if (strchr(s, c) != host_strchr(s, c))
				differ("strchr strings[%ld] c %ld", i, c);
	}
	check_table("strlen, strnlen, strchr (incl. c = 0 and c > 0xff)");
}

/* strlcpy's contract is snprintf(dst, size, "%s", src)'s: at most size-1
 * bytes, always terminated when size > 0, returns strlen(src).  glibc 2.36
 * has no strlcpy, so snprintf is the oracle. */
static void test_strlcpy(void)
{
	char got[BUF], want[BUF];

	for (int i = 0; i < NSTR; i++)
		for (unsigned long size = 0; size < 14; size++) {
			host_memset(got, 'X', BUF);
			host_memset(want, 'X', BUF);
			if ((int)strlcpy(got, strings[i], size) !=
			    host_snprintf(want, size, "%s", strings[i]))
				differ("strlcpy strings[%ld] size %ld: return",
				       i, size);
			if (host_memcmp(got, want, BUF))
				differ("strlcpy strings[%ld] size %ld: bytes",
				       i, size);
		}
	check_table("strlcpy: bytes and return match snprintf(\"%s\")");
}

int main(void)
{
	test_memcpy_memset();
	test_memmove();
	test_compare();
	test_length_search();
	test_strlcpy();
	return test_done();
}
