/* C side of program start: find argv, envp and auxv on the initial stack. */
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>

char **environ;
static unsigned long *auxv;

int main(int argc, char **argv, char **envp);
void __libc_start_main(long *sp) __attribute__((noreturn));

void __libc_start_main(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;

	while (*p)
		p++;
	auxv = (unsigned long *)(p + 1);
	environ = envp;
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = auxv; a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}
