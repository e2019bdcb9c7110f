/*
 * profile-init: pid 1 of a tools/profile boot (kernel command line
 * "profile=... init=/bin/profile-init /bin/PROG ARGS...").  It resets the
 * profile, runs PROG as its child, and once PROG has exited prints the
 * profile on its stdout, the console, after PROG's own output:
 *   === /proc/profile
 *   step STEP counters N          the header word, the number of counters
 *   INDEX COUNT                   each counter that is not 0
 *   === /proc/profile_stacks      (with profile=stack only)
 *   ...                           the file as it is
 *   === end
 * Then it exits with PROG's exit status.  Text, not the binary file: the
 * console is a terminal, which would turn a 0x0a byte into "\r\n".
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The whole of path, NUL-terminated, into a malloc'ed buffer; NULL if
 * it cannot be opened. */
static char *read_file(const char *path, size_t *len)
{
	size_t cap = 65536;
	char *buf = malloc(cap + 1);
	int fd = open(path, O_RDONLY);
	ssize_t r;

	*len = 0;
	if (fd < 0 || !buf) {
		free(buf);
		return NULL;
	}
	while ((r = read(fd, buf + *len, cap - *len)) > 0) {
		*len += r;
		if (*len == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	close(fd);
	buf[*len] = 0;
	return buf;
}

/* Both files are read before either is printed: the printing takes
 * samples too, which would be in the second file and not the first. */
static void dump_profile(void)
{
	size_t len, stacks_len;
	uint32_t *words = (uint32_t *)read_file("/proc/profile", &len);
	char *stacks = read_file("/proc/profile_stacks", &stacks_len);

	if (!words || len < 2 * sizeof(uint32_t)) {
		printf("profile-init: no /proc/profile: boot with profile=N\n");
		return;
	}
	printf("=== /proc/profile\nstep %u counters %zu\n", words[0],
	       len / sizeof(uint32_t) - 1);
	for (size_t i = 1; i < len / sizeof(uint32_t); i++)
		if (words[i])
			printf("%zu %u\n", i - 1, words[i]);
	if (stacks)
		printf("=== /proc/profile_stacks\n%s", stacks);
	printf("=== end\n");
}

int main(int argc, char **argv)
{
	int status, fd;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: profile-init PROG [ARG...]\n");
		return 127;
	}
	pid = fork();
	if (pid == 0) {
		/* the profile starts here: the boot's samples are gone */
		fd = open("/proc/profile", O_WRONLY);
		if (fd >= 0) {
			write(fd, "0", 1);
			close(fd);
		}
		execv(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		perror("profile-init");
		return 127;
	}
	fflush(stdout);
	dump_profile();
	fflush(stdout);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
