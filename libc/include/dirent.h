#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>
#include <uapi/dirent.h>

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

typedef struct DIR DIR;

DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
ssize_t getdents64(int fd, void *buf, size_t n);

#endif
