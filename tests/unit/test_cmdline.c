/* kernel/lib/cmdline.c: the grammar documented in <pollux/cmdline.h>. */
#include <pollux/cmdline.h>
#include <pollux/string.h>

#include "host.h"
#include "test.h"

/* init's argv joined with '|', e.g. "/bin/sh|-c|x"; checks the NULL after. */
static const char *init_args(int max)
{
	static char joined[CMDLINE_MAX];
	char *argv[CMDLINE_MAX_ARGS + 2];
	int n = cmdline_init_argv(argv, max), len = 0;

	joined[0] = '\0';
	for (int i = 0; i < n; i++)
		len += host_snprintf(joined + len, sizeof(joined) - len, "%s%s",
				     i ? "|" : "", argv[i]);
	if (max > 0 && argv[n] != NULL)
		return "argv not NULL-terminated";
	return joined;
}

static void test_empty(void)
{
	cmdline_parse("");
	CHECK(cmdline_get("quiet") == NULL, "empty line: no option");
	CHECK_EQ(cmdline_has("quiet"), 0, "empty line: has() is 0");
	CHECK_STR(init_args(8), "", "empty line: no init argv");
	cmdline_parse("   \t \n");
	CHECK(cmdline_get("") == NULL, "blank line: no option, not even \"\"");
	cmdline_parse(NULL);
	CHECK_EQ(cmdline_init_argv(NULL, 0), 0, "NULL line parses as empty");
}

static void test_options(void)
{
	const char *line = "console=ttyS0  quiet\tloglevel=7\n";

	cmdline_parse(line);
	CHECK_STR(cmdline_get("console"), "ttyS0", "key=value");
	CHECK_STR(cmdline_get("loglevel"), "7", "blanks of any kind separate words");
	CHECK_STR(cmdline_get("quiet"), "", "bare flag has value \"\"");
	CHECK_EQ(cmdline_has("quiet"), 1, "has() a flag");
	CHECK_EQ(cmdline_has("console"), 1, "has() a key=value");
	CHECK(cmdline_get("cons") == NULL, "a prefix of a key does not match");
	CHECK(cmdline_get("console=ttyS0") == NULL, "lookup is by key only");
	CHECK_STR(line, "console=ttyS0  quiet\tloglevel=7\n",
		  "the caller's line is not modified");

	cmdline_parse("a=b=c empty=");
	CHECK_STR(cmdline_get("a"), "b=c", "value runs from the first '='");
	CHECK_STR(cmdline_get("empty"), "", "key= has value \"\"");

	cmdline_parse("x=1 y x=2 z");
	CHECK_STR(cmdline_get("x"), "2", "repeated key: the last one wins");
	cmdline_parse("x=1 x");
	CHECK_STR(cmdline_get("x"), "", "repeated key: a later flag wins too");

	cmdline_parse("only=new");
	CHECK(cmdline_get("x") == NULL, "a new parse forgets the old line");
}

static void test_init(void)
{
	cmdline_parse("quiet init=/bin/sh -c echo hi");
	CHECK_STR(init_args(8), "/bin/sh|-c|echo|hi", "init= takes the rest of the line");
	CHECK_EQ(cmdline_init_argv((char *[8]){ 0 }, 8), 4, "init argc");
	CHECK_STR(cmdline_get("init"), "/bin/sh", "get(\"init\") is the program");
	CHECK_EQ(cmdline_has("quiet"), 1, "options before init= still count");
	CHECK_EQ(cmdline_has("-c"), 0, "init's arguments are not options");

	cmdline_parse("init=/bin/sh x=y init=/bin/true");
	CHECK(cmdline_get("x") == NULL, "key=value after init= is not an option");
	CHECK_STR(init_args(8), "/bin/sh|x=y|init=/bin/true",
		  "a second init= is an argument of the first");

	cmdline_parse("init=/bin/true");
	CHECK_STR(init_args(8), "/bin/true", "init= with no arguments");
	cmdline_parse("init=   /bin/sh   -x  ");
	CHECK_STR(init_args(8), "/bin/sh|-x", "init= then blanks: program is the next word");
	CHECK_STR(cmdline_get("init"), "/bin/sh", "and get(\"init\") is that word");
	cmdline_parse("init=");
	CHECK_STR(init_args(8), "", "init= with nothing after it: no argv");
	CHECK_STR(cmdline_get("init"), "", "and get(\"init\") is \"\"");
	cmdline_parse("init");
	CHECK_STR(init_args(8), "", "a bare init flag is no init=");

	cmdline_parse("init=/bin/sh a b c");
	CHECK_STR(init_args(3), "/bin/sh|a", "max 3: two strings and the NULL");
	CHECK_STR(init_args(1), "", "max 1: only the NULL");
	CHECK_EQ(cmdline_init_argv(NULL, 0), 0, "max 0: nothing written");
}

/* Limits: the line, the options and init's argv are fixed-size. */
static void test_limits(void)
{
	static char line[3 * CMDLINE_MAX];
	int len = 0;

	for (int i = 0; i < CMDLINE_MAX_OPTS + 8; i++)
		len += host_snprintf(line + len, sizeof(line) - len, "o%d ", i);
	cmdline_parse(line);
	CHECK_EQ(cmdline_has("o31"), 1, "the 32nd option is kept");
	CHECK_EQ(cmdline_has("o32"), 0, "the 33rd option is dropped");

	len = host_snprintf(line, sizeof(line), "init=/bin/x");
	for (int i = 1; i < CMDLINE_MAX_ARGS + 4; i++)
		len += host_snprintf(line + len, sizeof(line) - len, " a%d", i);
	cmdline_parse(line);
	{
		/* the expected string: "/bin/x|a1|...|a(MAX-1)" */
		char want[CMDLINE_MAX];
		int n = host_snprintf(want, sizeof(want), "/bin/x");

		for (int i = 1; i < CMDLINE_MAX_ARGS; i++)
			n += host_snprintf(want + n, sizeof(want) - n, "|a%d", i);
		CHECK_STR(init_args(CMDLINE_MAX_ARGS + 8), want,
			  "init keeps CMDLINE_MAX_ARGS strings");
	}

	host_memset(line, 'k', 2 * CMDLINE_MAX);
	line[2 * CMDLINE_MAX] = '\0';
	cmdline_parse(line);
	line[CMDLINE_MAX - 1] = '\0';
	CHECK_EQ(cmdline_has(line), 1, "a long line is cut at CMDLINE_MAX - 1 bytes");
}

int main(void)
{
	test_empty();
	test_options();
	test_init();
	test_limits();
	return test_done();
}
