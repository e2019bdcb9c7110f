/* The exec variants that are pure library code on top of execve. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Pollux keeps every program in /bin, so that is the whole search path. */
int execvp(const char *file, char *const argv[])
{
	char path[PATH_MAX];

	if (strchr(file, '/'))
		return execv(file, argv);
	if (strlen(file) + sizeof("/bin/") > sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(path, "/bin/");
	strcat(path, file);
	return execv(path, argv);
}
