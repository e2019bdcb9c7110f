/*
 * The kernel command line: the string GRUB passes in the multiboot2
 * command-line tag (the words after the kernel path on grub.cfg's
 * "multiboot2" line).
 *
 * Words are separated by blanks (space, tab, newline); there is no quoting.
 *   key=value    an option: cmdline_get("key") is "value"
 *   flag         a bare word: cmdline_get("flag") is ""
 *   init=/bin/NAME ARGS...
 *                init= takes the REST of the line: the program process 1
 *                runs and its arguments (cmdline_init_argv), so a later
 *                "x=y" is an argument of init, not an option.
 *                cmdline_get("init") is the program path.
 *                (Linux's init= takes one word and init's arguments come
 *                after "--"; one rule is simpler to type and to read.)
 * A key given twice: the last one wins, as with Linux's early params.
 *
 * Example: "console=ttyS0 quiet init=/bin/sh -c echo hi"
 *   cmdline_get("console") = "ttyS0", cmdline_has("quiet") = 1,
 *   init argv = { "/bin/sh", "-c", "echo", "hi", NULL }.
 *
 * Storage is static and fixed: a line longer than CMDLINE_MAX - 1 bytes is
 * cut there, options after the CMDLINE_MAX_OPTS-th and init arguments
 * after the CMDLINE_MAX_ARGS-th are dropped.  Nothing is allocated, so
 * this works before the memory allocators are up.
 */
#ifndef POLLUX_CMDLINE_H
#define POLLUX_CMDLINE_H

#define CMDLINE_MAX 4096
#define CMDLINE_MAX_OPTS 32
#define CMDLINE_MAX_ARGS 256

/* Parse line (NULL is the empty line), replacing any earlier parse. */
void cmdline_parse(const char *line);

/* The value of option key: "" for a bare flag, NULL when absent. */
const char *cmdline_get(const char *key);

/* 1 if key was given (as key=value or as a flag), else 0. */
int cmdline_has(const char *key);

/* Fill argv with init='s program and arguments and a NULL after them (at
 * most max - 1 strings); return their number, 0 when there was no init=. */
int cmdline_init_argv(char **argv, int max);

#endif
