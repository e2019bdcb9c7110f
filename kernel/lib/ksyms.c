/* Address -> "function+offset" for backtraces, from the table that
 * tools/gen-ksyms.sh embeds at build time.  Linux: kernel/kallsyms.c. */
#include <pollux/ksyms.h>

extern const u64 ksyms_count;
extern const u64 ksyms_addrs[];
extern const u32 ksyms_offsets[];
extern const char ksyms_names[];

const char *ksym_lookup(u64 addr, u64 *offset)
{
	u64 lo = 0, hi = ksyms_count;

	if (!hi || addr < ksyms_addrs[0])
		return NULL;
	/* binary search for the last symbol at or below addr */
	while (hi - lo > 1) {
		u64 mid = (lo + hi) / 2;

		if (ksyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - ksyms_addrs[lo];
	return ksyms_names + ksyms_offsets[lo];
}
