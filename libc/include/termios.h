#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <uapi/termios.h>

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);

#endif
