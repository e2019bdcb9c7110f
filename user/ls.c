/* ls [-l] [PATH...]: list directory entries sorted by name, one per line
 * (dot-files hidden, as ls does); with -l also the mode and size. */
#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int long_format;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "drwxr-xr-x": the type letter, then rwx for user, group, other. */
static void mode_string(unsigned int mode, char *s)
{
	const char *rwx = "rwxrwxrwx";

	s[0] = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : S_ISCHR(mode) ? 'c' :
	       S_ISBLK(mode) ? 'b' : S_ISFIFO(mode) ? 'p' : S_ISSOCK(mode) ? 's' : '-';
	for (int i = 0; i < 9; i++)
		s[i + 1] = mode & (0400 >> i) ? rwx[i] : '-';
	s[10] = '\0';
}

/* path is where the entry is, name how it is shown. */
static void print_entry(const char *path, const char *name)
{
	char mode[11];
	struct stat st;

	if (!long_format) {
		printf("%s\n", name);
		return;
	}
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
		return;
	}
	mode_string(st.st_mode, mode);
	printf("%s %8ld %s\n", mode, st.st_size, name);
}

/* Read every name first: the listing is sorted, and getdents64 order is not. */
static int list_dir(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (!dir) {
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", path, strerror(errno));
		return 2;
	}
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof(*names));
		}
		if (!names || !(names[n++] = strdup(de->d_name))) {
			fprintf(stderr, "ls: out of memory\n");
			exit(2);
		}
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		char entry[PATH_MAX];

		snprintf(entry, sizeof(entry), "%s/%s", path, names[i]);
		print_entry(entry, names[i]);
		free(names[i]);
	}
	free(names);
	return 0;
}

/* A file operand is listed by itself; a directory operand lists its entries. */
static int list(const char *path, int heading)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
		return 2;
	}
	if (!S_ISDIR(st.st_mode)) {
		print_entry(path, path);
		return 0;
	}
	if (heading)
		printf("%s:\n", path);
	return list_dir(path);
}

int main(int argc, char **argv)
{
	int first = 1, status = 0;

	if (argc > 1 && !strcmp(argv[1], "-l")) {
		long_format = 1;
		first = 2;
	}
	if (first == argc)
		return list(".", 0);
	for (int i = first; i < argc; i++) {
		if (i > first)
			printf("\n");
		status |= list(argv[i], argc - first > 1);
	}
	return status;
}
