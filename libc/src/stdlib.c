/* Number parsing, the environment, and small helpers from <stdlib.h>. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/*
 * The common core of the strto* functions: skip space, read a sign and a
 * base prefix, accumulate digits. Sets *neg and *overflow, returns the
 * magnitude, and stores the end of the number in *end.
 */
static unsigned long parse_unsigned(const char *s, char **end, int base, int *neg,
				    int *overflow)
{
	const char *p = s;
	unsigned long v = 0;
	int any = 0;

	*neg = *overflow = 0;
	while (isspace(*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' &&
	    digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (; digit_value(*p) < base; p++, any = 1) {
		unsigned long d = digit_value(*p);

		if (v > (ULONG_MAX - d) / base)
			*overflow = 1;
		v = v * base + d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	int neg, overflow;
	unsigned long v = parse_unsigned(s, end, base, &neg, &overflow);

	if (overflow) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? -v : v;
}

long strtol(const char *s, char **end, int base)
{
	int neg, overflow;
	unsigned long v = parse_unsigned(s, end, base, &neg, &overflow);

	if (overflow || v > (unsigned long)LONG_MAX + neg) {
		errno = ERANGE;
		return neg ? LONG_MIN : LONG_MAX;
	}
	return neg ? (long)-v : (long)v;
}

long long strtoll(const char *s, char **end, int base)
{
	return strtol(s, end, base);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	return strtoul(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

int abs(int x)
{
	return x < 0 ? -x : x;
}

long labs(long x)
{
	return x < 0 ? -x : x;
}

char *getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

static void swap_bytes(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Insertion sort: O(n^2), but short and obviously correct; the lists
 * Pollux sorts (directory entries, test tables) are small. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *a = base;

	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp(a + (j - 1) * size, a + j * size) > 0; j--)
			swap_bytes(a + (j - 1) * size, a + j * size, size);
}
