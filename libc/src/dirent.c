/* opendir/readdir over getdents64: read a buffer of records, hand them out one by one. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct DIR {
	int fd;
	size_t pos;	/* next record in buf */
	size_t len;	/* bytes of records in buf */
	struct dirent ent;	/* what readdir returns */
	char buf[4096] __attribute__((aligned(8)));	/* records hold 64-bit fields */
};

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir;

	if (fd < 0)
		return NULL;
	dir = calloc(1, sizeof(*dir));
	if (!dir) {
		close(fd);
		return NULL;
	}
	dir->fd = fd;
	return dir;
}

struct dirent *readdir(DIR *dir)
{
	struct linux_dirent64 *d;

	if (dir->pos >= dir->len) {
		ssize_t n = getdents64(dir->fd, dir->buf, sizeof(dir->buf));

		if (n <= 0)
			return NULL;	/* end of directory, or error with errno set */
		dir->len = n;
		dir->pos = 0;
	}
	d = (struct linux_dirent64 *)(dir->buf + dir->pos);
	dir->pos += d->d_reclen;
	dir->ent.d_ino = d->d_ino;
	dir->ent.d_off = d->d_off;
	dir->ent.d_reclen = d->d_reclen;
	dir->ent.d_type = d->d_type;
	strncpy(dir->ent.d_name, d->d_name, sizeof(dir->ent.d_name) - 1);
	return &dir->ent;
}

int closedir(DIR *dir)
{
	int ret = close(dir->fd);

	free(dir);
	return ret;
}
