/*
 * popen: popen and pclose, which run /bin/sh -c COMMAND through
 * posix_spawn in musl and glibc.  A command's output is read through
 * "r"; "w" feeds a command's stdin; pclose returns the shell's wait
 * status, the command's exit code; popen from a non-main thread.
 * stdin is /dev/null, as tools/run-tests gives it on Linux, so a shell
 * that reads commands from stdin (one that ignores -c) ends at once
 * rather than waiting on the console.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "tt.h"

static char *self;

/* The command's side: argv = self count|echo CODE. */
static int command(const char *what, int code)
{
	char buf[64];
	ssize_t n, total = 0;

	if (!strcmp(what, "echo")) {
		printf("echo %d from a child of the shell\n", code);
		return code;
	}
	while ((n = read(0, buf, sizeof(buf))) > 0)
		total += n;
	return (int)total;
}

struct result {
	char line[80];
	int status;
};

static void read_one(const char *code, struct result *r)
{
	char cmd[300];
	FILE *f;

	snprintf(cmd, sizeof(cmd), "%s echo %s", self, code);
	r->line[0] = '\0';
	r->status = -1;
	f = popen(cmd, "r");
	if (!f)
		return;
	if (!fgets(r->line, sizeof(r->line), f))
		r->line[0] = '\0';
	r->status = pclose(f);
}

static void *from_thread(void *arg)
{
	read_one("4", arg);
	return NULL;
}

int main(int argc, char **argv)
{
	struct result r;
	char cmd[300];
	pthread_t t;
	FILE *f;

	self = argv[0];
	if (argc == 3)
		return command(argv[1], atoi(argv[2]));
	dup2(open("/dev/null", O_RDONLY), 0);

	read_one("3", &r);
	CHECK(!strcmp(r.line, "echo 3 from a child of the shell\n"),
	      "popen \"r\": the command's line");
	CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 3,
	      "pclose: the command's exit status, 3");

	snprintf(cmd, sizeof(cmd), "%s count 0", self);
	f = popen(cmd, "w");
	CHECK(f != NULL, "popen \"w\"");
	if (f) {
		fputs("eleven char", f);
		int s = pclose(f);

		CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 11,
		      "pclose: the command read the 11 bytes written");
	}

	pthread_create(&t, NULL, from_thread, &r);
	pthread_join(t, NULL);
	CHECK(!strcmp(r.line, "echo 4 from a child of the shell\n") &&
	      WIFEXITED(r.status) && WEXITSTATUS(r.status) == 4,
	      "popen from a non-main thread: its line and exit status 4");
	return tt_done();
}
