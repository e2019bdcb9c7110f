/* refcount_t's misuse report (include/pollux/refcount.h).
 * Linux: lib/refcount.c refcount_warn_saturate() */
#include <pollux/refcount.h>
#include <pollux/printk.h>
#include <pollux/arch/arch.h>

void refcount_warn(const char *what)
{
	printk("WARNING: refcount_t: %s\n", what);
	dump_backtrace((u64)__builtin_frame_address(0),
		       (u64)__builtin_return_address(0));
}
