/*
 * psh: Pollux's minimal shell (/bin/sh is busybox's ash). Reads a line,
 * splits it on blanks, and either runs a builtin (exit, cd) or forks and
 * execs /bin/NAME (or NAME itself when it contains a '/'). No quoting,
 * pipes or redirections: those belong in a longer program than this one.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXLINE 1024
#define MAXARGS 64

static int last_status;

/* Split line in place into words; returns the count, argv NULL-terminated. */
static int split(char *line, char **argv)
{
	int argc = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			*p++ = '\0';
		if (!*p || argc == MAXARGS - 1)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
	}
	argv[argc] = NULL;
	return argc;
}

/* In the child: only returns by exiting, as a shell's child does. */
static void exec_command(char **argv)
{
	char path[MAXLINE + 8];

	if (strchr(argv[0], '/'))
		snprintf(path, sizeof(path), "%s", argv[0]);
	else
		snprintf(path, sizeof(path), "/bin/%s", argv[0]);
	execve(path, argv, environ);
	if (errno == ENOENT) {
		fprintf(stderr, "psh: %s: not found\n", argv[0]);
		_exit(127);
	}
	fprintf(stderr, "psh: %s: %s\n", argv[0], strerror(errno));
	_exit(126);
}

/* Report how a command ended, unless it succeeded. */
static void report(int status)
{
	if (WIFEXITED(status)) {
		last_status = WEXITSTATUS(status);
		if (last_status)
			fprintf(stderr, "[exit %d]\n", last_status);
	} else if (WIFSIGNALED(status)) {
		last_status = 128 + WTERMSIG(status);
		fprintf(stderr, "[killed by signal %d (%s)]\n", WTERMSIG(status),
			strsignal(WTERMSIG(status)));
	}
}

/*
 * Job control, interactive only: each command runs in its own process
 * group, which the shell makes the terminal's foreground group while it
 * runs, so ^C (SIGINT) and ^Z (SIGTSTP) from the terminal reach the
 * command and not the shell.  The shell runs in a group of its own in
 * the terminal's session (a session leader without a controlling
 * terminal, as pid 1 is, takes it with TIOCSCTTY) and ignores SIGINT,
 * SIGQUIT and SIGTSTP.  One stopped job is remembered, for `fg`.
 */
static int job_control;
static pid_t stopped_job;

static void job_control_init(void)
{
	setpgid(0, 0);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	if (tcsetpgrp(0, getpgrp()) < 0)
		ioctl(0, TIOCSCTTY, 0);
	job_control = tcsetpgrp(0, getpgrp()) == 0;
}

/* Waits for the foreground job pid to end or stop, then takes the
 * terminal back. */
static void wait_foreground(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, job_control ? WUNTRACED : 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "psh: wait: %s\n", strerror(errno));
			return;
		}
	if (job_control)
		tcsetpgrp(0, getpgrp());
	if (WIFSTOPPED(status)) {
		stopped_job = pid;
		fprintf(stderr, "\n[stopped] pid %d: fg resumes it\n", pid);
		last_status = 128 + WSTOPSIG(status);
		return;
	}
	report(status);
}

/* fg: the stopped job back in the foreground, continued. */
static void fg(void)
{
	pid_t pid = stopped_job;

	if (!pid) {
		fprintf(stderr, "psh: fg: no stopped job\n");
		last_status = 1;
		return;
	}
	stopped_job = 0;
	tcsetpgrp(0, pid);
	kill(-pid, SIGCONT);
	wait_foreground(pid);
}

static void run(char **argv)
{
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "psh: fork: %s\n", strerror(errno));
		last_status = 1;
		return;
	}
	if (pid == 0) {
		if (job_control) {
			setpgid(0, 0);
			signal(SIGINT, SIG_DFL);
			signal(SIGQUIT, SIG_DFL);
			signal(SIGTSTP, SIG_DFL);
		}
		exec_command(argv);
	}
	if (job_control) {	/* both sides set the group: no race */
		setpgid(pid, pid);
		tcsetpgrp(0, pid);
	}
	wait_foreground(pid);
}

static void cd(char **argv)
{
	const char *dir = argv[1] ? argv[1] : getenv("HOME");

	if (!dir)
		dir = "/";
	last_status = 0;
	if (chdir(dir) < 0) {
		fprintf(stderr, "psh: cd: %s: %s\n", dir, strerror(errno));
		last_status = 1;
	}
}

int main(void)
{
	char line[MAXLINE];
	char *argv[MAXARGS];
	int interactive = isatty(0);

	if (interactive)
		job_control_init();
	for (;;) {
		if (interactive)
			printf("$ ");
		if (!fgets(line, sizeof(line), stdin))
			break;
		if (split(line, argv) == 0 || argv[0][0] == '#')
			continue;
		if (!strcmp(argv[0], "exit"))
			exit(argv[1] ? atoi(argv[1]) : last_status);
		if (!strcmp(argv[0], "cd"))
			cd(argv);
		else if (!strcmp(argv[0], "fg"))
			fg();
		else
			run(argv);
	}
	if (interactive)
		printf("\n");
	return last_status;
}
