/* The printf engine: %d %i %u %x %X %o %c %s %p %% with the flags - 0 + space #,
 * width, precision (both may be *), and the lengths hh h l ll z j t. */
#include <string.h>
#include <unistd.h>
#include "format.h"

/* One conversion specification, as parsed from "%-08.3lx". */
struct spec {
	int left;	/* '-' */
	int zero;	/* '0' */
	int plus;	/* '+' */
	int space;	/* ' ' */
	int alt;	/* '#' */
	int width;
	int prec;	/* -1: none given */
	int length;	/* 'H' hh, 'h', 0 int, 'l' long (also ll z j t) */
};

void out_flush(struct out *o)
{
	size_t done = 0;

	while (o->fd >= 0 && done < o->len) {
		ssize_t n = write(o->fd, o->buf + done, o->len - done);

		if (n <= 0) {
			o->error = 1;
			break;
		}
		done += n;
	}
	o->len = 0;
}

static void out_char(struct out *o, char c)
{
	if (o->len == o->size && o->fd >= 0)
		out_flush(o);
	if (o->len < o->size)
		o->buf[o->len++] = c;
	o->total++;
}

static void out_repeat(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

static void out_mem(struct out *o, const char *s, size_t n)
{
	while (n--)
		out_char(o, *s++);
}

/* Lay out [sign/prefix][zeros][body] in width, honouring '-' and '0'. */
static void out_padded(struct out *o, const struct spec *sp, const char *prefix,
		       int zeros, const char *body, int len)
{
	int plen = strlen(prefix);
	int pad = sp->width - plen - zeros - len;

	if (!sp->left && !sp->zero)
		out_repeat(o, ' ', pad);
	out_mem(o, prefix, plen);
	if (!sp->left && sp->zero)
		out_repeat(o, '0', pad);
	out_repeat(o, '0', zeros);
	out_mem(o, body, len);
	if (sp->left)
		out_repeat(o, ' ', pad);
}

static void format_int(struct out *o, struct spec *sp, unsigned long long v, int neg,
		       int base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = sizeof(tmp);
	const char *prefix = "";
	int zeros;

	while (v) {
		tmp[--n] = digits[v % base];
		v /= base;
	}
	if (sp->prec < 0)
		sp->prec = 1;
	else
		sp->zero = 0;	/* a precision overrides the '0' flag */
	zeros = sp->prec > (int)sizeof(tmp) - n ? sp->prec - ((int)sizeof(tmp) - n) : 0;
	if (neg)
		prefix = "-";
	else if (sp->plus)
		prefix = "+";
	else if (sp->space)
		prefix = " ";
	else if (sp->alt && base == 16 && n < (int)sizeof(tmp))
		prefix = upper ? "0X" : "0x";
	else if (sp->alt && base == 8 && zeros == 0 && (n == (int)sizeof(tmp) || tmp[n] != '0'))
		zeros = 1;	/* '#' with %o: the result starts with 0 */
	out_padded(o, sp, prefix, zeros, tmp + n, sizeof(tmp) - n);
}

static long long arg_signed(va_list *ap, int length)
{
	switch (length) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	default:  return va_arg(*ap, int);
	}
}

static unsigned long long arg_unsigned(va_list *ap, int length)
{
	switch (length) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'l': return va_arg(*ap, unsigned long);
	default:  return va_arg(*ap, unsigned int);
	}
}

/* Parse flags, width, precision and length; returns the conversion character. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof(*sp));
	sp->prec = -1;
	for (;; f++) {
		if (*f == '-') sp->left = 1;
		else if (*f == '0') sp->zero = 1;
		else if (*f == '+') sp->plus = 1;
		else if (*f == ' ') sp->space = 1;
		else if (*f == '#') sp->alt = 1;
		else break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = 1;
			sp->width = -sp->width;
		}
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->prec = sp->prec * 10 + (*f - '0');
	}
	if (f[0] == 'h' && f[1] == 'h') {
		sp->length = 'H';
		f += 2;
	} else if (*f == 'h') {
		sp->length = 'h';
		f++;
	}
	/* long, long long, size_t, intmax_t and ptrdiff_t are all 64-bit. */
	while (*f == 'l' || *f == 'z' || *f == 'j' || *f == 't') {
		sp->length = 'l';
		f++;
	}
	return f;
}

static void format_string(struct out *o, struct spec *sp, const char *s)
{
	int len;

	if (!s)
		s = "(null)";
	len = sp->prec >= 0 ? (int)strnlen(s, sp->prec) : (int)strlen(s);
	sp->zero = 0;
	out_padded(o, sp, "", 0, s, len);
}

/* glibc prints a pointer as %#lx, and a null pointer as "(nil)". */
static void format_pointer(struct out *o, struct spec *sp, void *p)
{
	if (!p) {
		sp->prec = -1;
		format_string(o, sp, "(nil)");
		return;
	}
	sp->alt = 1;
	format_int(o, sp, (unsigned long)p, 0, 16, 0);
}

static void format_one(struct out *o, struct spec *sp, char conv, va_list *ap)
{
	long long v;
	char c;

	if (conv != 'd' && conv != 'i')
		sp->plus = sp->space = 0;	/* signs belong to signed conversions */
	switch (conv) {
	case 'd':
	case 'i':
		v = arg_signed(ap, sp->length);
		format_int(o, sp, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
			   v < 0, 10, 0);
		break;
	case 'u': format_int(o, sp, arg_unsigned(ap, sp->length), 0, 10, 0); break;
	case 'x': format_int(o, sp, arg_unsigned(ap, sp->length), 0, 16, 0); break;
	case 'X': format_int(o, sp, arg_unsigned(ap, sp->length), 0, 16, 1); break;
	case 'o': format_int(o, sp, arg_unsigned(ap, sp->length), 0, 8, 0); break;
	case 'p': format_pointer(o, sp, va_arg(*ap, void *)); break;
	case 's': format_string(o, sp, va_arg(*ap, const char *)); break;
	case 'c':
		c = (char)va_arg(*ap, int);
		sp->zero = 0;
		out_padded(o, sp, "", 0, &c, 1);
		break;
	default:	/* "%%", or an unknown conversion: print it as is */
		out_char(o, conv);
		break;
	}
}

int __vformat(struct out *o, const char *fmt, va_list ap)
{
	struct spec sp;
	va_list args;

	/* Work on a copy so the helpers can take its address portably. */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			out_char(o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		if (!*fmt)
			break;
		format_one(o, &sp, *fmt++, &args);
	}
	va_end(args);
	return (int)o->total;
}
