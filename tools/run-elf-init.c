/*
 * run-elf-init: pid 1 of a tools/run-elf boot, which becomes the program
 * by execve (still pid 1).  The kernel command line cannot carry any
 * text (GRUB's quoting, blanks, its length), so run-elf writes the
 * program's argv and envp into the initrd, each string NUL-terminated:
 *   /etc/run-elf/argv    argv[0] (the program's path), argv[1], ...
 *   /etc/run-elf/envp    NAME=VALUE, ...
 *   /etc/run-elf/stderr  if present: fd 2 goes to /dev/ttyS1 (COM2),
 *                        which run-elf copies to its stderr
 * Before the exec the console becomes the controlling terminal (as a
 * getty makes it for a login shell: job control works) and its echo is
 * turned off (run-elf's stdin arrives typed on the console; the
 * terminal run-elf runs in, if any, echoes it already); then a NUL byte
 * on COM2 tells run-elf to start typing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define MAX_TEXT 65536
#define MAX_STRINGS 1024

/* Reads path's NUL-terminated strings into text, pointers into v
 * (NULL-terminated); the count, or -1 if path cannot be read. */
static int read_strings(const char *path, char *text, char **v)
{
	int fd = open(path, O_RDONLY), n = 0;
	ssize_t len = 0, r;

	if (fd < 0)
		return -1;
	while (len < MAX_TEXT && (r = read(fd, text + len, MAX_TEXT - len)) > 0)
		len += r;
	close(fd);
	for (char *p = text; p < text + len && n < MAX_STRINGS - 1;
	     p += strlen(p) + 1)
		v[n++] = p;
	v[n] = NULL;
	return n;
}

int main(void)
{
	static char argv_text[MAX_TEXT], envp_text[MAX_TEXT];
	static char *argv[MAX_STRINGS], *envp[MAX_STRINGS];
	struct termios t;
	int fd;

	if (read_strings("/etc/run-elf/argv", argv_text, argv) < 1 ||
	    read_strings("/etc/run-elf/envp", envp_text, envp) < 0) {
		dprintf(2, "run-elf-init: no /etc/run-elf/argv\n");
		return 127;
	}
	ioctl(0, TIOCSCTTY, 0);
	if (tcgetattr(0, &t) == 0) {
		t.c_lflag &= ~ECHO;	/* stty -echo */
		tcsetattr(0, TCSANOW, &t);
	}
	/* a NUL on COM2 tells run-elf that stdin may come now (unechoed) */
	fd = open("/dev/ttyS1", O_WRONLY | O_NOCTTY);
	if (fd >= 0) {
		write(fd, "", 1);
		if (access("/etc/run-elf/stderr", F_OK) == 0)
			dup2(fd, 2);
		close(fd);
	}
	execve(argv[0], argv, envp);
	dprintf(2, "run-elf: cannot execute %s: %s\n", argv[0], strerror(errno));
	return 127;
}
