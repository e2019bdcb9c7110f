/*
 * Helpers shared by the AF_UNIX test programs (tests/user/unix_*.c).
 */
#ifndef UNIX_UTIL_H
#define UNIX_UTIL_H

#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#define SA(p) ((struct sockaddr *)(p))

/* sun set to the path; the address length: family, path and NUL */
static inline socklen_t set_path(struct sockaddr_un *sun, const char *path)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path, path);
	return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

#endif
