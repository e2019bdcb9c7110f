/*
 * vsnprintf for the kernel: %d %i %u %x %X %o %p %s %c %%, with the flags
 * '-' and '0', a width, a precision for %s, and the l, ll, z length
 * modifiers.  Same return value as C: the length the full output would
 * have had.  Linux: lib/vsprintf.c (far smaller).
 */
#include <pollux/printk.h>
#include <pollux/string.h>

struct outbuf {
	char *buf;
	size_t size;
	size_t len;	/* bytes the full output needs so far */
};

static void out_char(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct spec {
	bool left;	/* '-' */
	bool zero;	/* '0' */
	int width;
	int precision;	/* -1: none */
};

static void out_padded(struct outbuf *o, const char *s, size_t n,
		       const struct spec *sp, char pad)
{
	int fill = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!sp->left)
		while (fill-- > 0)
			out_char(o, pad);
	while (n--)
		out_char(o, *s++);
	if (sp->left)
		while (fill-- > 0)
			out_char(o, ' ');
}

/* prefix ("-", "0x" or "") goes before any zero padding: -0042 */
static void out_number(struct outbuf *o, u64 v, const char *prefix, int base,
		       bool upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int i = sizeof(tmp), plen = strlen(prefix);

	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->zero && !sp->left) {
		struct spec rest = *sp;

		while (*prefix)
			out_char(o, *prefix++);
		rest.width = sp->width > plen ? sp->width - plen : 0;
		out_padded(o, tmp + i, sizeof(tmp) - i, &rest, '0');
		return;
	}
	while (plen)
		tmp[--i] = prefix[--plen];
	out_padded(o, tmp + i, sizeof(tmp) - i, sp, ' ');
}

static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	sp->left = sp->zero = false;
	sp->width = 0;
	sp->precision = -1;
	for (;; fmt++) {
		if (*fmt == '-')
			sp->left = true;
		else if (*fmt == '0')
			sp->zero = true;
		else
			break;
	}
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9')
		sp->width = sp->width * 10 + (*fmt++ - '0');
	if (*fmt == '.') {
		sp->precision = 0;
		for (fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
			sp->precision = sp->precision * 10 + (*fmt - '0');
	}
	return fmt;
}

/* Reads the argument for an integer conversion with `longs` l's (z = 1). */
static u64 int_arg(va_list *ap, int longs, bool is_signed, bool *negative)
{
	s64 sv;

	*negative = false;
	if (!is_signed)
		return longs ? va_arg(*ap, u64) : va_arg(*ap, unsigned int);
	sv = longs ? va_arg(*ap, s64) : va_arg(*ap, int);
	if (sv < 0) {
		*negative = true;
		return -(u64)sv;
	}
	return sv;
}

static void out_conversion(struct outbuf *o, char conv, int longs,
			   const struct spec *sp, va_list *ap)
{
	bool neg;
	u64 v;
	const char *s;
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		v = int_arg(ap, longs, true, &neg);
		out_number(o, v, neg ? "-" : "", 10, false, sp);
		break;
	case 'u':
		out_number(o, int_arg(ap, longs, false, &neg), "", 10, false, sp);
		break;
	case 'x':
	case 'X':
		out_number(o, int_arg(ap, longs, false, &neg), "", 16,
			   conv == 'X', sp);
		break;
	case 'o':
		out_number(o, int_arg(ap, longs, false, &neg), "", 8, false, sp);
		break;
	case 'p':
		v = (u64)va_arg(*ap, void *);
		if (v)
			out_number(o, v, "0x", 16, false, sp);
		else
			out_padded(o, "(nil)", 5, sp, ' ');	/* as glibc */
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		out_padded(o, s, sp->precision >= 0 ?
			   strnlen(s, sp->precision) : strlen(s),
			   sp, ' ');
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		out_padded(o, &c, 1, sp, ' ');
		break;
	default:	/* %% and unknown conversions print themselves */
		out_char(o, conv);
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };
	struct spec sp;
	va_list args;
	int longs;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		for (longs = 0; *fmt == 'l' || *fmt == 'z'; fmt++)
			longs++;
		if (!*fmt)
			break;
		out_conversion(&o, *fmt, longs, &sp, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
