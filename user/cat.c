/* cat [FILE...]: copy each file (or stdin, also for "-") to stdout. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Returns 0, or -1 with errno set by the failing read or write. */
static int copy(int fd)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(1, buf + done, n - done);

			if (w < 0)
				return -1;
			done += w;
		}
	}
	return n < 0 ? -1 : 0;
}

/* Errors are reported as GNU cat does: "cat: NAME: message". */
static int cat_file(const char *name)
{
	int fd = strcmp(name, "-") ? open(name, O_RDONLY) : 0;
	int ret = fd < 0 ? -1 : copy(fd);

	if (ret < 0)
		fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
	if (fd > 0)
		close(fd);
	return ret < 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return cat_file("-");
	for (int i = 1; i < argc; i++)
		status |= cat_file(argv[i]);
	return status;
}
