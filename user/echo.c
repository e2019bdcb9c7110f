/* echo [-n] [ARG...]: print the arguments separated by spaces, in one write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int newline = 1, i = 1;
	size_t len = 2;	/* the newline and the NUL */
	char *line;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = 0;
		i = 2;
	}
	for (int j = i; j < argc; j++)
		len += strlen(argv[j]) + 1;
	line = malloc(len);
	if (!line) {
		perror("echo");
		return 1;
	}
	line[0] = '\0';
	for (int j = i; j < argc; j++) {
		if (j > i)
			strcat(line, " ");
		strcat(line, argv[j]);
	}
	if (newline)
		strcat(line, "\n");
	return write(1, line, strlen(line)) < 0;
}
