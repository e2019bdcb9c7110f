/* AF_UNIX addresses.  Linux: include/uapi/linux/un.h */
#ifndef _UAPI_UN_H
#define _UAPI_UN_H

#include <uapi/socket.h>

#define UNIX_PATH_MAX 108

struct sockaddr_un {
	__kernel_sa_family_t sun_family;	/* AF_UNIX */
	char sun_path[UNIX_PATH_MAX];
};

#endif
