/*
 * devices.c - /dev/zero, /dev/full, /dev/random, /dev/urandom and
 * getrandom(2): what they read and write, their device numbers, and the
 * errors (ENOSPC, EINVAL for unknown flags, EFAULT).  Random bytes are
 * never printed: only that 64 of them are not all equal.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

static int all_same(const unsigned char *b, int n)
{
	for (int i = 1; i < n; i++)
		if (b[i] != b[0])
			return 0;
	return 1;
}

static void test_zero_full(void)
{
	unsigned char buf[100], zeros[100] = { 0 };
	struct stat st;
	int z = open("/dev/zero", O_RDWR), f = open("/dev/full", O_RDWR);

	CHECK(z >= 0 && f >= 0, "open /dev/zero and /dev/full");
	memset(buf, 0xaa, sizeof(buf));
	CHECK_EQ(read(z, buf, sizeof(buf)), 100, "read 100 from /dev/zero");
	CHECK_MEM(buf, zeros, 100, "all zeros");
	CHECK_EQ(write(z, "abc", 3), 3, "/dev/zero takes writes");
	memset(buf, 0xaa, sizeof(buf));
	CHECK_EQ(read(f, buf, sizeof(buf)), 100, "read 100 from /dev/full");
	CHECK_MEM(buf, zeros, 100, "all zeros");
	CHECK_ERR(write(f, "abc", 3), ENOSPC, "write to /dev/full: ENOSPC");
	CHECK_ERR(read(z, bad_addr(1), 10), EFAULT, "read into a bad pointer");
	CHECK_EQ(fstat(z, &st), 0, "fstat /dev/zero");
	CHECK_HEX(st.st_mode & S_IFMT, S_IFCHR, "a character device");
	CHECK_HEX(st.st_rdev, 0x105, "rdev 1:5");
	CHECK_EQ(stat("/dev/full", &st), 0, "stat /dev/full");
	CHECK_HEX(st.st_rdev, 0x107, "rdev 1:7");
	close(z);
	close(f);
}

static void test_random_devices(void)
{
	static const char *const names[] = { "/dev/random", "/dev/urandom" };
	static const int minors[] = { 8, 9 };

	for (int i = 0; i < 2; i++) {
		unsigned char buf[64];
		struct stat st;
		int fd = open(names[i], O_RDWR);

		CHECK(fd >= 0, names[i]);
		memset(buf, 0, sizeof(buf));
		CHECK_EQ(read(fd, buf, sizeof(buf)), 64, "read 64 bytes");
		CHECK(!all_same(buf, 64), "they are not all the same");
		CHECK_EQ(write(fd, "seed", 4), 4, "a write is taken");
		CHECK_EQ(fstat(fd, &st), 0, "fstat");
		CHECK_HEX(st.st_rdev, 0x100 | minors[i], "rdev 1:8 or 1:9");
		close(fd);
	}
}

static void test_getrandom(void)
{
	char *map = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *edge = map + 4096;

	munmap(edge, 4096);

	unsigned char buf[300];

	memset(buf, 0, sizeof(buf));
	CHECK_EQ(getrandom(buf, 64, 0), 64, "getrandom 64, flags 0");
	CHECK(!all_same(buf, 64), "not all the same");
	CHECK_EQ(getrandom(buf, 300, GRND_NONBLOCK), 300, "GRND_NONBLOCK");
	CHECK_EQ(getrandom(buf, 16, GRND_RANDOM), 16, "GRND_RANDOM");
	CHECK_EQ(getrandom(buf, 16, GRND_RANDOM | GRND_NONBLOCK), 16,
		 "GRND_RANDOM|GRND_NONBLOCK");
	CHECK_EQ(getrandom(buf, 16, GRND_INSECURE), 16, "GRND_INSECURE");
	CHECK_EQ(getrandom(buf, 0, 0), 0, "zero bytes");
	CHECK_ERR(getrandom(buf, 16, GRND_INSECURE | GRND_RANDOM), EINVAL,
		  "GRND_INSECURE|GRND_RANDOM: EINVAL");
	CHECK_ERR(getrandom(buf, 16, 8), EINVAL, "an unknown flag: EINVAL");
	CHECK_ERR(getrandom(buf, 16, 0x80000000u), EINVAL, "the top bit");
	CHECK_ERR(getrandom(bad_addr(1), 16, 0), EFAULT, "a bad pointer");
	CHECK_EQ(getrandom(edge - 10, 100, 0), 10,
		 "a buffer into an unmapped page: a short count");
	CHECK_ERR(getrandom(bad_addr(0xffff800000000000UL), 16, 0), EFAULT,
		  "a kernel pointer");
	munmap(map, 4096);
}

int main(void)
{
	test_zero_full();
	test_random_devices();
	test_getrandom();
	return test_done();
}
