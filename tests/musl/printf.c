/*
 * printf of every conversion, with flags, widths, precisions and length
 * modifiers: musl's vfprintf (and its floating-point code, which uses SSE
 * and the x87 for long double) running unchanged.  The output is compared
 * byte for byte with the same binary run on Linux.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char long_string[] = "truncated string";

int main(void)
{
	char buf[64];
	int n1 = 0, n2 = 0;
	signed char hh = -5;
	short h = -1234;
	long l = -1234567890123L;
	long long ll = 0x123456789abcdefLL;
	size_t z = 4096;

	/* integers: d i u o x X with flags and modifiers */
	printf("[%d] [%i] [%u] [%o] [%x] [%X]\n", -42, 42, 42u, 42u, 255u, 255u);
	printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] [%8.3d]\n",
	       42, 42, 42, 42, 42, 7, -7);
	printf("[%#o] [%#x] [%#X] [%#.0o] [%.0d]\n", 8u, 255u, 255u, 0u, 0);
	printf("[%hhd] [%hhu] [%hd] [%hu] [%ld] [%lld] [%llx]\n",
	       hh, (unsigned char)hh, h, (unsigned short)h, l, ll, ll);
	printf("[%zu] [%zd] [%td]\n", z, (ssize_t)-1, &buf[3] - &buf[10]);
	printf("[%d] [%u] [%lu]\n", -2147483647 - 1, 4294967295u,
	       18446744073709551615UL);

	/* floating point: f F e E g G a A, with precisions */
	printf("[%f] [%F] [%.2f] [%10.3f] [%-10.1f] [%+.0f]\n",
	       3.14159, 2.5, 2.675, -1.5, 0.25, 2.5);
	printf("[%e] [%E] [%.3e] [%12.2e]\n", 12345.678, 0.000123, 1e100, -1e-5);
	printf("[%g] [%G] [%g] [%g] [%#g] [%.10g]\n",
	       100000.0, 1e-10, 1234567.0, 0.0001, 1.0, 1.0 / 3);
	printf("[%a] [%A] [%.2a]\n", 1.0, -0.5, 3.14159);
	printf("[%Lf] [%Le] [%Lg]\n", 1.0L / 3, 2.0L, 1e-20L);
	printf("[%f] [%f] [%F] [%e]\n", 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0, -0.0);
	printf("[%.20f] [%.0e] [%f]\n", 0.1, 5e-324, 1e20);

	/* characters, strings, pointers, %n, %% */
	printf("[%c] [%3c] [%-3c]|\n", 'A', 'b', 'c');
	printf("[%s] [%10s] [%-10s] [%.3s] [%*.*s]\n",
	       "hello", "right", "left", "truncate", 6, 2, "xyz");
	printf("[%p] [%p]\n", (void *)0x1234, (void *)0);
	printf("abc%ndef%hn\n", &n1, (short *)&n2);
	printf("n1 %d n2 %d [%%]\n", n1, n2);
	printf("[%*d] [%-*d] [%.*f]\n", 6, 1, 6, 2, 3, 3.14159);
	printf("[%2$s %1$s]\n", "world", "hello");

	/* the rest of the family */
	n1 = snprintf(buf + 20, 8, "%s", long_string);
	printf("snprintf: %d \"%s\"\n", n1, buf + 20);
	sprintf(buf, "%08.3f|%x", 3.14159, 48879);
	puts(buf);
	/* stdout is a pipe on Linux (fully buffered), the console in Pollux
	 * (line buffered): flush it so both show the same order */
	fflush(stdout);
	fprintf(stderr, "to stderr: %d\n", 7);
	fputs("fputs\n", stdout);
	putchar('!');
	putchar('\n');
	printf("strtol %ld, strtod %g, atoi %d\n", strtol("-0x1f", NULL, 16),
	       strtod("2.5e3", NULL), atoi("  123abc"));
	printf("strlen %zu, strcmp %d\n", strlen("musl"), strcmp("a", "b") < 0);
	return 0;
}
