/*
 * mount_tmpfs.c - mount(2) of tmpfs, ramfs and proc: the lines of
 * /proc/self/mounts and mountinfo (fields and relations, not Linux's
 * numbers), options and flags as Linux shows them, lookups across the
 * mount point both ways, what a mount point refuses (rmdir, rename:
 * EBUSY; a rename out: EXDEV), stacked and nested mounts, and the errors.
 * Run as root; everything mounted is unmounted, even after a failure.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "mount_util.h"
#include "test.h"

static char dir[64], dir2[64], sub[80], spaced[64], file[80];

/* glibc's major() and minor() of an st_dev */
static long dev_major(unsigned long dev)
{
	return ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffUL);
}

static long dev_minor(unsigned long dev)
{
	return (dev & 0xff) | ((dev >> 12) & ~0xffUL);
}

/* Checks the mounts line of path against want (pid taken out) */
static void check_mounts_line(const char *mnt, const char *want,
			      const char *what)
{
	char line[512] = "";

	find_mount_line("/proc/self/mounts", 2, mnt, line, sizeof(line));
	CHECK_STR(no_pid(line), want, what);
}

/* The mountinfo line of mnt, parsed into mi (line holds the text) */
static int mountinfo_of(const char *mnt, char *line, struct mountinfo *mi)
{
	if (find_mount_line("/proc/self/mountinfo", 5, mnt, line, 512))
		return -1;
	return parse_mountinfo(line, mi);
}

/* The mount whose mount point is the longest prefix of path among the
 * others: what path's directory is on */
static long mount_under(const char *path)
{
	static char text[65536];
	char *p, *end;
	struct mountinfo mi;
	size_t best = 0;
	long id = -1;

	read_all("/proc/self/mountinfo", text, sizeof(text));
	for (p = text; (end = strchr(p, '\n')); p = end + 1) {
		*end = 0;
		if (parse_mountinfo(p, &mi))
			continue;
		size_t len = strlen(mi.mnt);
		if (!strncmp(path, mi.mnt, len) && len < strlen(path) &&
		    (path[len] == '/' || len == 1) && len >= best) {
			best = len;
			id = mi.id;
		}
	}
	return id;
}

/* Whether every mountinfo line has its own id */
static int ids_unique(void)
{
	static char text[65536];
	long ids[512];
	int n = 0;
	char *p, *end;

	read_all("/proc/self/mountinfo", text, sizeof(text));
	for (p = text; (end = strchr(p, '\n')) && n < 512; p = end + 1)
		ids[n++] = strtol(p, NULL, 10);
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (ids[i] == ids[j])
				return 0;
	return n > 0;
}

static void test_mount_lines(void)
{
	char line[512], want[256];
	struct mountinfo mi;
	struct statfs sfs;
	struct stat st, parent;

	CHECK_EQ(mount("none", dir, "tmpfs", 0, NULL), 0, "mount tmpfs");
	CHECK_EQ(statfs(dir, &sfs), 0, "statfs the mount point");
	CHECK_HEX(sfs.f_type, TMPFS_MAGIC, "it is tmpfs");
	CHECK_EQ(stat(dir, &st), 0, "stat the mount point");
	CHECK_EQ(st.st_mode, S_IFDIR | 01777, "its root: drwxrwxrwt");
	check_mounts_line(dir, "none /tmp/mount_tmpfs tmpfs rw,relatime 0 0",
			  "mounts: the line");
	CHECK_EQ(mountinfo_of(dir, line, &mi), 0, "mountinfo: a line");
	CHECK_STR(mi.root, "/", "mountinfo: root /");
	CHECK_STR(no_pid(mi.mnt), "/tmp/mount_tmpfs", "mountinfo: mount point");
	CHECK_STR(mi.opts, "rw,relatime", "mountinfo: rw,relatime");
	CHECK_STR(mi.fstype, "tmpfs", "mountinfo: tmpfs");
	CHECK_STR(mi.source, "none", "mountinfo: source none");
	CHECK_STR(mi.superopts, "rw", "mountinfo: super options rw");
	CHECK_EQ(mi.major, 0, "mountinfo: an anonymous device (major 0)");
	CHECK_EQ(mi.parent, mount_under(dir), "its parent: /tmp's mount");
	CHECK_EQ(dev_major(st.st_dev), mi.major, "st_dev's major is mountinfo's");
	CHECK_EQ(dev_minor(st.st_dev), mi.minor, "st_dev's minor is mountinfo's");
	CHECK_EQ(stat("/tmp", &parent), 0, "stat /tmp");
	CHECK(parent.st_dev != st.st_dev, "another device than /tmp's");
	CHECK(mi.id != mi.parent, "its own id");
	CHECK(ids_unique(), "mount ids are unique");
	snprintf(want, sizeof(want), "/proc/%d/mountinfo", (int)getpid());
	CHECK_EQ(find_mount_line(want, 5, dir, line, sizeof(line)), 0,
		 "/proc/PID/mountinfo has it too");
	snprintf(want, sizeof(want), "/proc/%d/mounts", (int)getpid());
	CHECK_EQ(find_mount_line(want, 2, dir, line, sizeof(line)), 0,
		 "/proc/PID/mounts has it too");
	CHECK_EQ(find_mount_line("/proc/mounts", 2, dir, line, sizeof(line)),
		 0, "/proc/mounts has it too");
}

/* The mnt_id line of fd's /proc/self/fdinfo */
static long fdinfo_mnt_id(int fd)
{
	char path[64], text[512], *at;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	if (read_all(path, text, sizeof(text)) < 0 ||
	    !(at = strstr(text, "mnt_id:\t")))
		return -1;
	return strtol(at + 8, NULL, 10);
}

static void test_crossing(void)
{
	struct mountinfo mi;
	struct stat a, b;
	char cwd[128], line[512];
	int fd;

	fd = open(file, O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0, "create a file in the mount");
	CHECK_EQ(write(fd, "tmpfs", 5), 5, "write it");
	CHECK_EQ(mountinfo_of(dir, line, &mi), 0, "mountinfo: a line");
	CHECK_EQ(fdinfo_mnt_id(fd), mi.id, "its fdinfo's mnt_id is the mount's");
	close(fd);
	CHECK_EQ(mkdir(sub, 0755), 0, "mkdir in the mount");
	CHECK_EQ(stat("/tmp", &a), 0, "stat /tmp");
	snprintf(cwd, sizeof(cwd), "%s/..", dir);
	CHECK_EQ(stat(cwd, &b), 0, "stat mount/..");
	CHECK(a.st_ino == b.st_ino && a.st_dev == b.st_dev,
	      ".. from the mount's root is /tmp");
	snprintf(cwd, sizeof(cwd), "%s/../../%s/file", sub, strrchr(dir, '/') + 1);
	CHECK_EQ(access(cwd, F_OK), 0, "mount/sub/../../NAME/file: back in");
	CHECK_EQ(chdir(dir), 0, "chdir into the mount");
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
	CHECK_STR(no_pid(cwd), "/tmp/mount_tmpfs", "the cwd is the mount point");
	CHECK_EQ(access("file", F_OK), 0, "a relative name in the mount");
	CHECK_EQ(chdir(".."), 0, "chdir ..");
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
	CHECK_STR(cwd, "/tmp", "the cwd is /tmp");
	CHECK_EQ(chdir("/"), 0, "chdir /");

	CHECK_ERR(rmdir(dir), EBUSY, "rmdir the mount point: EBUSY");
	CHECK_ERR(rename(dir, dir2), EBUSY, "rename the mount point: EBUSY");
	CHECK_ERR(rename(file, "/tmp/mount_tmpfs_out"), EXDEV,
		  "rename a file out of the mount: EXDEV");
	CHECK_ERR(rename(dir2, sub), EXDEV, "rename a directory into it: EXDEV");
	CHECK_EQ(umount(dir), 0, "umount");
	CHECK_ERR(access(file, F_OK), ENOENT, "its file is gone");
	CHECK_EQ(stat(dir, &b), 0, "stat the directory again");
	CHECK_EQ(b.st_mode, S_IFDIR | 0755, "the directory under it is back");
}

/* Nothing changes on a read-only mount: EROFS */
static void test_read_only(unsigned long flags, const char *data,
			   const char *how)
{
	char what[128];
	int fd;

	snprintf(what, sizeof(what), "mount read-only: %s", how);
	CHECK_EQ(mount("none", dir, "tmpfs", flags, data), 0, what);
	CHECK_ERR(mkdir(sub, 0755), EROFS, "mkdir in it: EROFS");
	CHECK_ERR(open(file, O_CREAT | O_WRONLY, 0644), EROFS,
		  "create a file: EROFS");
	CHECK_ERR(chmod(dir, 0700), EROFS, "chmod its root: EROFS");
	CHECK_ERR(chown(dir, 1, 1), EROFS, "chown its root: EROFS");
	CHECK_ERR(access(dir, W_OK), EROFS, "access W_OK: EROFS");
	CHECK_EQ(access(dir, R_OK | X_OK), 0, "access R_OK|X_OK: 0");
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0, "open its root to read");
	close(fd);
	CHECK_EQ(access("/dev/null", W_OK), 0, "(another mount stays writable)");
	CHECK_EQ(umount(dir), 0, "umount");
}

static void test_options(void)
{
	struct stat st;
	char line[512];
	struct mountinfo mi;

	CHECK_EQ(mount("src", dir, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		       "size=1m,nr_inodes=100,mode=700"), 0,
		 "mount tmpfs with flags and options");
	check_mounts_line(dir, "src /tmp/mount_tmpfs tmpfs "
			  "rw,nosuid,nodev,noexec,relatime,size=1024k,"
			  "nr_inodes=100,mode=700 0 0", "mounts: flags, options");
	CHECK_EQ(mountinfo_of(dir, line, &mi), 0, "mountinfo: a line");
	CHECK_STR(mi.opts, "rw,nosuid,nodev,noexec,relatime",
		  "mountinfo: the mount's flags");
	CHECK_STR(mi.superopts, "rw,size=1024k,nr_inodes=100,mode=700",
		  "mountinfo: the file system's options");
	CHECK_EQ(stat(dir, &st), 0, "stat");
	CHECK_EQ(st.st_mode, S_IFDIR | 0700, "mode=700");
	CHECK_EQ(umount(dir), 0, "umount");

	CHECK_EQ(mount("", dir, "tmpfs", MS_NOATIME | MS_RDONLY,
		       ",size=5000,,mode=1777"), 0, "MS_NOATIME|MS_RDONLY");
	check_mounts_line(dir, " /tmp/mount_tmpfs tmpfs ro,noatime,size=8k 0 0",
			  "mounts: ro,noatime, the size in pages");
	CHECK_EQ(umount(dir), 0, "umount");
	CHECK_EQ(mount("x", dir, "tmpfs", MS_STRICTATIME,
		       "sync,dirsync,ro,rw"), 0, "MS_STRICTATIME, sync words");
	check_mounts_line(dir, "x /tmp/mount_tmpfs tmpfs rw,sync,dirsync 0 0",
			  "mounts: no relatime, sync,dirsync");
	CHECK_EQ(umount(dir), 0, "umount");
	CHECK_EQ(mount("x", dir, "tmpfs", MS_MGC_VAL | MS_NODIRATIME,
		       "lazytime,mand,size=0,nr_blocks=3,mode=0"), 0,
		 "MS_MGC_VAL (the old magic), nr_blocks=");
	check_mounts_line(dir, "x /tmp/mount_tmpfs tmpfs rw,mand,lazytime,"
			  "nodiratime,relatime,size=12k,mode=000 0 0",
			  "mounts: mand,lazytime, nr_blocks as size, mode=000");
	CHECK_EQ(umount(dir), 0, "umount");
	test_read_only(MS_RDONLY, NULL, "MS_RDONLY");
	test_read_only(0, "ro", "the ro option");
	CHECK_EQ(mount("r", dir, "ramfs", 0, "mode=711,what=ever"), 0,
		 "mount ramfs (unknown options ignored)");
	check_mounts_line(dir, "r /tmp/mount_tmpfs ramfs rw,relatime,mode=711 0 0",
			  "mounts: ramfs");
	CHECK_EQ(umount(dir), 0, "umount");
	CHECK_EQ(mount("p", dir, "proc", 0, NULL), 0, "mount proc");
	check_mounts_line(dir, "p /tmp/mount_tmpfs proc rw,relatime 0 0",
			  "mounts: proc");
	CHECK_EQ(umount(dir), 0, "umount");
	CHECK_EQ(mount("none", spaced, "tmpfs", 0, NULL), 0,
		 "mount on a name with a space");
	snprintf(line, sizeof(line), "/tmp/mount\\040tmpfs.%d", (int)getpid());
	CHECK(is_mounted(line), "mounts: the space is \\040");
	CHECK_EQ(umount(spaced), 0, "umount");
}

static void test_stacked_nested(void)
{
	char line[512], line2[512];
	struct mountinfo a, b;

	CHECK_EQ(mount("one", dir, "tmpfs", 0, NULL), 0, "mount one");
	CHECK_EQ(mkdir(sub, 0755), 0, "mkdir in it");
	CHECK_EQ(mount("two", dir, "tmpfs", 0, NULL), 0, "mount two on it");
	CHECK_ERR(access(sub, F_OK), ENOENT, "one's names are hidden");
	CHECK_EQ(mountinfo_of(dir, line, &a), 0, "mountinfo: the top mount");
	CHECK_STR(a.source, "two", "the last line is the top one");
	CHECK_EQ(umount(dir), 0, "umount the top");
	CHECK_EQ(access(sub, F_OK), 0, "one's names are back");
	CHECK_EQ(mount("three", sub, "tmpfs", 0, NULL), 0, "mount on a subdirectory");
	CHECK_EQ(mountinfo_of(dir, line, &a), 0, "mountinfo: the outer");
	CHECK_EQ(mountinfo_of(sub, line2, &b), 0, "mountinfo: the inner");
	CHECK_EQ(b.parent, a.id, "the inner's parent is the outer");
	CHECK_ERR(umount(dir), EBUSY, "umount the outer: EBUSY");
	CHECK_EQ(umount(sub), 0, "umount the inner");
	CHECK_EQ(umount(dir), 0, "then the outer");
	CHECK(!is_mounted(dir), "nothing left");
}

/* Types and options mount refuses */
static const struct {
	const char *type, *data;
	int err;
	const char *what;
} bad[] = {
	{ "nosuchfs", NULL, ENODEV, "unknown type: ENODEV" },
	{ NULL, NULL, EINVAL, "no type: EINVAL" },
	{ "tmpfs", "bogus=1", EINVAL, "unknown tmpfs option: EINVAL" },
	{ "tmpfs", "size=1q", EINVAL, "bad size: EINVAL" },
	{ "tmpfs", "mode=9", EINVAL, "bad mode: EINVAL" },
	{ "proc", "bogus", EINVAL, "unknown proc option: EINVAL" },
	{ "ramfs", "mode", EINVAL, "ramfs mode without a value: EINVAL" },
	{ "tmpfs", "size=", EINVAL, "empty size: EINVAL" },
	{ "rootfs", NULL, ENODEV, "rootfs: ENODEV" },
};

static void test_errors(void)
{
	int fd;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_ERR(mount("none", dir, bad[i].type, 0, bad[i].data),
			  bad[i].err, bad[i].what);
	CHECK_ERR(mount("none", dir, "tmpfs", MS_MGC_VAL | MS_STRICTATIME, NULL),
		  EINVAL, "the old magic with another high bit: MS_NOUSER, EINVAL");
	CHECK_ERR(mount("none", "/tmp/mount_tmpfs_none/x", "tmpfs", 0, NULL),
		  ENOENT, "no such target: ENOENT");
	fd = open(file, O_CREAT | O_WRONLY, 0644);
	close(fd);
	CHECK_ERR(mount("none", file, "tmpfs", 0, NULL), ENOTDIR,
		  "a file as target: ENOTDIR");
	CHECK_ERR(mount("none", file, "nosuchfs", 0, NULL), ENODEV,
		  "... the type is checked first: ENODEV");
	strcat(file, "/x");
	CHECK_ERR(mount("none", file, "tmpfs", 0, NULL), ENOTDIR,
		  "a path through a file: ENOTDIR");
	file[strlen(file) - 2] = 0;
	unlink(file);
	CHECK_ERR(mount("none", bad_addr(1), "tmpfs", 0, NULL), EFAULT,
		  "bad target pointer: EFAULT");
	CHECK_ERR(mount("none", dir, bad_addr(1), 0, NULL), EFAULT,
		  "bad type pointer: EFAULT");
	CHECK_ERR(mount(bad_addr(1), dir, "tmpfs", 0, NULL), EFAULT,
		  "bad source pointer: EFAULT");
	CHECK_ERR(mount("none", dir, "tmpfs", 0, bad_addr(1)), EFAULT,
		  "bad data pointer: EFAULT");
	CHECK_ERR(mount("none", dir, "tmpfs", MS_NOUSER, NULL), EINVAL,
		  "MS_NOUSER: EINVAL");
	CHECK_ERR(mount("none", dir, "tmpfs", MS_PRIVATE, NULL), EINVAL,
		  "MS_PRIVATE of a non-mount-point: EINVAL");
	CHECK(!is_mounted(dir), "nothing was mounted");
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/mount_tmpfs.%d", (int)getpid());
	snprintf(dir2, sizeof(dir2), "/tmp/mount_tmpfs2.%d", (int)getpid());
	snprintf(spaced, sizeof(spaced), "/tmp/mount tmpfs.%d", (int)getpid());
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	snprintf(file, sizeof(file), "%s/file", dir);
	CHECK_EQ(mkdir(dir, 0755), 0, "mkdir the mount point");
	CHECK_EQ(mkdir(dir2, 0755), 0, "mkdir a second directory");
	CHECK_EQ(mkdir(spaced, 0755), 0, "mkdir one with a space");

	test_mount_lines();
	test_crossing();
	test_options();
	test_stacked_nested();
	test_errors();

	cleanup_dir(dir);
	cleanup_dir(dir2);
	cleanup_dir(spaced);
	CHECK_ERR(access(dir, F_OK), ENOENT, "the scratch directories are gone");
	return test_done();
}
