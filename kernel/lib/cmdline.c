/*
 * Kernel command line parsing (Linux: kernel/params.c parse_args() and
 * init/main.c, much simplified; the grammar is in <pollux/cmdline.h>).
 *
 * The line is copied once into a static buffer and cut in place: each word
 * is NUL-terminated where its blank was, and the option table points into
 * the buffer.  No allocation, so it can run first thing in kmain.
 */
#include <pollux/cmdline.h>
#include <pollux/string.h>

struct cmdline_opt {
	const char *key;
	const char *value;	/* "" for a bare flag */
};

static char cmdline_buf[CMDLINE_MAX];
static struct cmdline_opt cmdline_opts[CMDLINE_MAX_OPTS];
static int cmdline_nr_opts;
static char *init_argv[CMDLINE_MAX_ARGS];
static int init_argc;

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Linux: lib/cmdline.c next_arg() — return the word at *pos, terminated in
 * place, and move *pos past it; NULL at the end of the line. */
static char *next_word(char **pos)
{
	char *p = *pos, *word;

	while (is_blank(*p))
		p++;
	if (!*p)
		return NULL;
	word = p;
	while (*p && !is_blank(*p))
		p++;
	if (*p)
		*p++ = '\0';
	*pos = p;
	return word;
}

static void add_option(const char *key, const char *value)
{
	if (cmdline_nr_opts == CMDLINE_MAX_OPTS)
		return;
	cmdline_opts[cmdline_nr_opts].key = key;
	cmdline_opts[cmdline_nr_opts].value = value;
	cmdline_nr_opts++;
}

static void add_init_arg(char *arg)
{
	if (init_argc < CMDLINE_MAX_ARGS)
		init_argv[init_argc++] = arg;
}

/* init='s value (if any) and every word after it are init's argv. */
static void parse_init(char *value, char *rest)
{
	char *word;

	if (*value)
		add_init_arg(value);
	while ((word = next_word(&rest)))
		add_init_arg(word);
	add_option("init", init_argc ? init_argv[0] : "");
}

/* Linux: kernel/params.c parse_args() — split into key=value and flags. */
void cmdline_parse(const char *line)
{
	char *rest = cmdline_buf, *word;

	cmdline_nr_opts = 0;
	init_argc = 0;
	strlcpy(cmdline_buf, line ? line : "", sizeof(cmdline_buf));

	while ((word = next_word(&rest))) {
		char *eq = strchr(word, '=');

		if (!eq) {
			add_option(word, "");
			continue;
		}
		*eq = '\0';
		if (strcmp(word, "init") == 0) {
			parse_init(eq + 1, rest);
			return;
		}
		add_option(word, eq + 1);
	}
}

/* Linux: kernel/params.c (the lookup an early_param handler does) — scan
 * from the end, so the last of repeated keys wins. */
const char *cmdline_get(const char *key)
{
	int i;

	for (i = cmdline_nr_opts - 1; i >= 0; i--)
		if (strcmp(cmdline_opts[i].key, key) == 0)
			return cmdline_opts[i].value;
	return NULL;
}

/* Linux: no direct counterpart; "is this flag set?" */
int cmdline_has(const char *key)
{
	return cmdline_get(key) != NULL;
}

/* Linux: init/main.c argv_init[] — the argv handed to process 1. */
int cmdline_init_argv(char **argv, int max)
{
	int n, i;

	if (max <= 0)
		return 0;
	n = init_argc < max - 1 ? init_argc : max - 1;
	for (i = 0; i < n; i++)
		argv[i] = init_argv[i];
	argv[n] = NULL;
	return n;
}
