/*
 * uname.c - uname(2) names the Linux whose ABI Pollux follows: sysname
 * "Linux", a 6.x release, machine x86_64 (the release's rest, the node
 * name and the version differ between hosts, so they are not printed).
 */
#include <string.h>
#include <sys/utsname.h>

#include "test.h"

int main(void)
{
	struct utsname u;

	CHECK_EQ(uname(&u), 0, "uname succeeds");
	CHECK_STR(u.sysname, "Linux", "sysname is Linux");
	CHECK(!strncmp(u.release, "6.", 2), "release starts with 6.");
	CHECK_STR(u.machine, "x86_64", "machine is x86_64");
	CHECK_ERR(uname(bad_addr(1)), EFAULT, "a bad pointer: EFAULT");
	return test_done();
}
