/*
 * The VFS, Linux-shaped and small: an inode is a file's identity (mode,
 * number, operations), a struct file an open file description (flags,
 * position, reference count), file_operations the per-kind behaviour.
 * Linux: include/linux/fs.h.
 */
#ifndef POLLUX_FS_H
#define POLLUX_FS_H

#include <pollux/list.h>
#include <pollux/wait.h>
#include <pollux/atomic.h>
#include <pollux/mutex.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

typedef unsigned int umode_t;
typedef long loff_t;
typedef unsigned int fmode_t;
struct poll_table_struct;
struct iov_iter;
struct seq_file;
struct file;
struct dentry;
struct inode;
struct vm_area_struct;

#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define FMODE_LSEEK 0x4
/* pread/pwrite at an offset: files opened by a path (Linux's
 * do_dentry_open), but not ttys (nonseekable_open); never pipes,
 * sockets or anon-inode files (ESPIPE) */
#define FMODE_PREAD 0x8
#define FMODE_PWRITE 0x10

/* One read or write in flight: the file and the position it works at.
 * Linux: include/linux/fs.h struct kiocb (no async I/O) */
struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
};

struct file_operations {
	/* buf is a user pointer: implementations use copy_to/from_user */
	ssize_t (*read)(struct file *f, char __user *buf, size_t n, loff_t *pos);
	ssize_t (*write)(struct file *f, const char __user *buf, size_t n,
			 loff_t *pos);
	/* The whole of a read/write/readv/writev at once (pipes); a file
	 * with only ->read/->write gets one call per segment of a readv. */
	ssize_t (*read_iter)(struct kiocb *iocb, struct iov_iter *to);
	ssize_t (*write_iter)(struct kiocb *iocb, struct iov_iter *from);
	__poll_t (*poll)(struct file *f, struct poll_table_struct *pt);
	int (*release)(struct inode *inode, struct file *f);
	loff_t (*llseek)(struct file *f, loff_t offset, int whence);
	/* after the generic ioctls (fs/ioctl.c); -ENOTTY for unknown ones */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* FIOASYNC: sets or clears FASYNC in f_flags (no SIGIO is sent:
	 * Pollux has no F_SETOWN, and without an owner Linux sends none) */
	int (*fasync)(int fd, struct file *f, int on);
	/* getdents64: fills buf with linux_dirent64 records; bytes or -errno */
	long (*iterate)(struct file *f, void __user *buf, size_t n);
	int (*open)(struct inode *inode, struct file *f);
	/* mmap: the file's pages may be mapped (ramfs files) */
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	/* extra lines for /proc/PID/fdinfo/N (epoll's tfd: lines) */
	void (*show_fdinfo)(struct seq_file *m, struct file *f);
	/* sendfile's two ends (kernel/fs/splice.c): n bytes at *pos into or
	 * out of a kernel buffer.  Linux moves pages through a pipe; a file
	 * without them is EINVAL there, as here. */
	ssize_t (*splice_read)(struct file *in, loff_t *pos, void *buf,
			       size_t n);
	ssize_t (*splice_write)(struct file *out, const void *buf, size_t n,
				loff_t *pos);
	/* fsync/fdatasync (kernel/fs/sync.c); without it EINVAL */
	int (*fsync)(struct file *f, int datasync);
};

/*
 * A file's pages, as Linux's page cache holds them: i_pages[index] is the
 * frame of the file's bytes [index * PAGE_SIZE, +PAGE_SIZE), 0 for a hole
 * (reads as zeros; a write or a mapping's fault fills it).  The file
 * holds one reference on each frame (get_page), and every page-table
 * entry that maps it one more, so read(2), write(2) and every mapping
 * see the same bytes.  i_mmap lists the vmas that map the file, so that
 * truncate can take pages away from them.  Linux: struct address_space
 * (i_pages is an xarray, i_mmap an interval tree; here an array that
 * grows by doubling and a list).
 */
struct address_space {
	u64 *i_pages;
	unsigned long nr_slots;		/* entries in i_pages */
	struct list_head i_mmap;	/* vm_area_struct.shared */
	/* i_mmap's: a truncate walks it while another process's mmap or
	 * munmap changes it.  Linux's i_mmap_rwsem (an rw_semaphore; a
	 * mutex here, Pollux has no rwsem).  Lock order: mmap_lock >
	 * i_mmap_rwsem. */
	struct mutex i_mmap_rwsem;
};

/* Linux: include/linux/fs.h i_mmap_lock_write(), i_mmap_unlock_write() */
static inline void i_mmap_lock_write(struct address_space *mapping)
{
	mutex_lock(&mapping->i_mmap_rwsem);
}

static inline void i_mmap_unlock_write(struct address_space *mapping)
{
	mutex_unlock(&mapping->i_mmap_rwsem);
}

struct inode {
	umode_t i_mode;
	unsigned long i_ino;
	loff_t i_size;
	unsigned int i_rdev;		/* device number, for char devices */
	/* the minor of its mount's anonymous device (stat's st_dev 0:i_dev);
	 * 0 for inodes of no mount.  Linux: i_sb->s_dev */
	unsigned int i_dev;
	int i_nlink;
	unsigned int i_uid, i_gid;	/* the owner (chown); 0, root, when made */
	/* references: dentries and files; an atomic_t as Linux's (two
	 * CPUs open and close one file at once) */
	atomic_t i_count;
	const struct file_operations *i_fop;
	void *i_private;		/* the owner's data: pipe, socket */
	struct address_space i_data;	/* ramfs: a regular file's pages */
	struct list_head i_dentries;	/* ramfs: a directory's dentries */
};

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;
	unsigned int f_flags;		/* O_RDWR, O_NONBLOCK, O_APPEND, ... */
	fmode_t f_mode;			/* FMODE_READ | FMODE_WRITE */
	atomic_long_t f_count;		/* references: fds, epitems' none */
	loff_t f_pos;
	void *private_data;
	const char *f_name;		/* anon files: "[eventpoll]", "pipe:[3]" */
	struct dentry *f_dentry;	/* files opened by path */
	/* eventpoll: epitems watching this file (Linux: f_ep), under
	 * f_lock: two epoll instances, each under its own ep->mtx, may add
	 * or remove this file's items at once on two CPUs */
	struct list_head f_ep_links;
	spinlock_t f_lock;		/* f_ep_links and each item's "dying" */
	/* eventpoll: on tfile_check_list during a nested EPOLL_CTL_ADD's
	 * path check, else empty (Linux <= 5.10: f_tfile_llink) */
	struct list_head f_tfile_llink;
};

/* file.c */
struct file *alloc_file(struct inode *inode, unsigned int flags,
			const struct file_operations *fop);
static inline struct file *get_file(struct file *f)
{
	atomic_long_inc(&f->f_count);
	return f;
}
void fput(struct file *f);
void files_init(void);	/* the filp and inode_cache caches */
struct inode *new_inode(umode_t mode);
void iput(struct inode *inode);

/* fdtable.c: per-process file descriptors.  Linux: fs/file.c */
#define NR_OPEN_DEFAULT 1024	/* RLIMIT_NOFILE's soft default (INR_OPEN_CUR) */
#define NR_OPEN_HARD 4096	/* and its hard default (INR_OPEN_MAX) */
#define NR_OPEN_MAX 65536	/* the most any process may raise it to (nr_open) */
struct task_struct;
struct files_struct {
	atomic_t count;
	spinlock_t file_lock;		/* Linux's: the three below */
	unsigned int max_fds;		/* size of fd[]; grows by doubling */
	struct file **fd;
	u64 *close_on_exec;		/* one bit per fd */
};
struct files_struct *files_alloc(void);
struct files_struct *dup_fd(struct files_struct *old);
void put_files_struct(struct files_struct *files);
void do_close_on_exec(struct files_struct *files);
void swap_files(struct task_struct *tsk, struct files_struct *files);
#define exit_files(tsk) swap_files((tsk), NULL)	/* Linux: exit_files() */
int get_unused_fd_flags(unsigned int flags);	/* O_CLOEXEC honoured */
void put_unused_fd(int fd);
void fd_install(int fd, struct file *f);
/* The file at fd with a reference taken (fput it), or NULL. */
struct file *fget(unsigned int fd);
struct file *fget_raw(unsigned int fd);
/* t's file at fd, with a reference (fput it), or NULL; *cloexec (if not
 * NULL) gets its close-on-exec bit.  Linux: fs/file.c fget_task() */
struct file *fget_task(struct task_struct *t, unsigned int fd, bool *cloexec);
/* The open file at or above *fd (updated) of t's table, with a reference,
 * or NULL.  Linux: fs/file.c fget_task_next() */
struct file *fget_task_next(struct task_struct *t, unsigned int *fd);
/* An fd get_unused_fd_flags() reserved, not yet installed. */
#define FD_RESERVED ((struct file *)1)
/* The file at fd, or NULL, with NO reference: the caller holds
 * files->file_lock (or the table is its own and single-threaded).
 * Linux: include/linux/fdtable.h files_lookup_fd_raw() (the caller holds
 * file_lock or rcu_read_lock()) */
static inline struct file *files_lookup_fd_raw(struct files_struct *files,
					       unsigned int fd)
{
	struct file *f;

	if (!files || fd >= files->max_fds)
		return NULL;
	f = files->fd[fd];
	return f == FD_RESERVED ? NULL : f;
}
/* dup2/dup3's work: newfd (closed if open) becomes a copy of oldfd;
 * newfd or -EBADF, -ENOMEM.  Linux: fs/file.c do_dup2() */
int do_dup2(unsigned int oldfd, unsigned int newfd, int flags);
/* Replaces whatever fd held with f (NULL: empty); returns the old file. */
struct file *files_replace(struct files_struct *files, unsigned int fd,
			   struct file *f, bool cloexec);
unsigned long rlimit_nofile(void);	/* current's RLIMIT_NOFILE soft limit */
int close_fd(unsigned int fd);
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool on);

/* anon_inodes.c: files without a path, sharing one inode.
 * Linux: fs/anon_inodes.c */
struct file *anon_inode_getfile(const char *name,
				const struct file_operations *fops,
				void *priv, int flags);
int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, int flags);

/* namei.c + ramfs.c: the in-memory tree the initrd unpacks into */
struct dentry {
	char d_name[64];
	struct inode *d_inode;
	struct dentry *d_parent;
	struct list_head d_child;	/* in the parent inode's i_dentries */
	atomic_t d_count;		/* the tree's reference and open files' (Linux: d_lockref) */
	/* a mount's root: its file system's magic number, for statfs */
	unsigned long d_magic;
	unsigned int d_flags;		/* DCACHE_MOUNTED */
};
#define DCACHE_MOUNTED 0x10000	/* a file system is mounted on it */
/* Whether d is where a file system is mounted, or a mount's root (what
 * a lookup of that name finds): either cannot be removed or renamed
 * (EBUSY).  Linux: include/linux/dcache.h d_mountpoint() */
static inline bool d_mountpoint(const struct dentry *d)
{
	return (d->d_flags & DCACHE_MOUNTED) || d->d_magic;
}
/* The root of the mount d is in: its nearest ancestor with a magic
 * (a mount's root has the covered directory's parent as d_parent). */
static inline struct dentry *d_mount(struct dentry *d)
{
	while (!d->d_magic)
		d = d->d_parent;
	return d;
}
/* access(2)'s mask bits, as X_OK, W_OK, R_OK.  Linux: include/linux/fs.h */
#define MAY_EXEC 0x1
#define MAY_WRITE 0x2
#define MAY_READ 0x4
/* 0, or -EACCES for what even root may not do (execute without x) */
int may_access(struct inode *inode, int mask);
/* truncate(2) of a regular ramfs file; -EINVAL for anything else */
int ramfs_setsize(struct inode *inode, loff_t size);
/* Linux: include/linux/dcache.h dget(), fs/dcache.c dput() */
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
struct dentry *path_lookup(const char *path, int *err);
/* dfd: AT_FDCWD or a directory's fd, for a relative path */
struct dentry *path_lookupat(int dfd, const char *path, int *err);
struct dentry *user_path_at(int dfd, const char __user *upath, int *err);
/* The same, with AT_EMPTY_PATH in flags meaning "" is dfd itself, or the
 * cwd (empty_path_inode) */
struct inode *empty_path_inode(int dfd, int *err);
struct inode *user_path_inode(int dfd, const char __user *upath, int flags,
			      int *err);
/* A path's directory and last component, for rename (kernel/fs/namei.c) */
struct path_parent {
	char *path;		/* kmalloc'd: last points into it */
	struct dentry *dir;
	const char *last;
	bool normal;		/* last is a name, not "", "." or ".." */
	struct dentry *child;	/* what last names in dir, or NULL */
};
int path_parentat(int dfd, const char __user *upath, struct path_parent *pp);
/* Removes d from its directory (AT_REMOVEDIR for a directory) */
int do_unlink(struct dentry *d, int flag);
struct dentry *path_create(const char *path, umode_t mode, int *err);
struct dentry *path_createat(int dfd, const char *path, umode_t mode, int *err);
/* Copies a user path into a kmalloc'd buffer; NULL with *err on failure. */
char *getname(const char __user *upath, int *err);
/* The absolute path of d into buf; 0 or -ENAMETOOLONG. */
int d_path(struct dentry *d, char *buf, size_t size);
struct file *filp_open(const char *path, int flags, umode_t mode, int *err);
/* A path relative to a cwd under /proc, made absolute (kmalloc'd), or NULL */
char *proc_cwd_path(int dfd, const char *path);
struct file *filp_openat(int dfd, const char *path, int flags, umode_t mode,
			 int *err);
struct dentry *ramfs_create(struct dentry *dir, const char *name,
			    umode_t mode);
struct dentry *ramfs_link(struct dentry *dir, const char *name,
			  struct inode *inode);
int ramfs_write_data(struct inode *inode, const void *data, size_t n,
		     loff_t pos);
/* Kernel-side read (exec's); the bytes read (short at EOF). */
size_t ramfs_read_data(struct inode *inode, void *buf, size_t n, loff_t pos);

/* mm/filemap.c: the page cache (struct address_space above).
 * Linux: mm/filemap.c, mm/truncate.c */
/* The frame of page index, or 0 for a hole. */
u64 find_get_page(struct address_space *mapping, unsigned long index);
/* The same, a hole filled with a zeroed frame; 0 if there is no memory. */
u64 find_or_create_page(struct address_space *mapping, unsigned long index);
/* Drops the pages from byte lstart on (lstart page-aligned). */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
/* The file's size changes: pages past the new end leave the file and
 * every mapping of it; the tail of a last partial page is zeroed. */
void truncate_setsize(struct inode *inode, loff_t newsize);
extern struct dentry *root_dentry;
void vfs_init(void);
void initrd_unpack(const void *cpio, size_t size);

/* ramfs.c: one linux_dirent64 at buf (a user pointer); its length, 0
 * if it does not fit in room, or -EFAULT. */
long emit_dirent(char __user *buf, size_t room, u64 ino, loff_t next,
		 const char *name, unsigned char type);

/* proc.c: /proc/<self|PID>/fdinfo/<N>, /proc/<self|PID>/fd */
struct file *proc_open(const char *path, int flags, int *err);
/* Whether f is a /proc file (for fstatfs) */
bool is_proc_file(struct file *f);
/* The task that p ("self/..." or "PID/...", after "/proc/") names, p
 * moved past its '/'; NULL if there is none. */
struct task_struct *proc_task(const char **p);

/* proc_base.c: /proc, /proc/PID, /proc/PID/task, /proc/PID/task/TID
 * as directories: how each is listed, its task in *t (NULL: /proc);
 * NULL if path is none of them */
const struct file_operations *proc_dir(const char *path,
				       struct task_struct **t);
/* The task whose id starts p (not the idle task's 0), p moved past
 * it; NULL if there is none */
struct task_struct *proc_pid_lookup(const char **p);
/* /proc/PID/NAME's or /proc/PID/task/TID/NAME's text, kmalloc'd */
int proc_pid_text(struct task_struct *t, const char *name, char **text,
		  size_t *len);

/* proc_misc.c: /proc/NAME's text (meminfo, uptime, ...), kmalloc'd;
 * -ENOENT if NAME is none of them */
int proc_misc_text(const char *name, char **text, size_t *len);
struct seq_file;
/* proc_task_mmu.c: /proc/PID/maps, status's Vm lines, stat's vsize */
int proc_pid_maps(struct seq_file *m, struct task_struct *t);
struct mm_struct;
void task_mem(struct seq_file *m, struct mm_struct *mm);
unsigned long task_vsize(struct mm_struct *mm);
/* proc_array.c: /proc/PID/status and stat, task/TID/stat */
int proc_pid_status(struct seq_file *m, struct task_struct *t);
int proc_tgid_stat(struct seq_file *m, struct task_struct *t);
int proc_tid_stat(struct seq_file *m, struct task_struct *t);

/* proc_fd.c: /proc/PID/fd, a directory of symbolic links, and
 * /proc/PID/fdinfo, of regular files.  Linux: fs/proc/fd.c */
/* The task whose fd or fdinfo directory path ("/proc/<self|PID>/fd",
 * ".../fdinfo": *fdinfo true) is, or NULL */
struct task_struct *proc_fd_dir(const char *path, bool *fdinfo);
struct file *proc_fd_dir_open(struct task_struct *t, bool fdinfo, int flags,
			      int *err);
struct file *proc_dir_file(struct task_struct *t, int flags,
			   const struct file_operations *fops, umode_t mode,
			   int *err);
loff_t proc_fd_llseek(struct file *f, loff_t offset, int whence);
/* The open file that "/proc/<self|PID>/fd/N" names, with a reference
 * (fput it), or NULL with *err = -ENOENT. */
struct file *proc_fd_file(const char *path, int *err);
/* readlink() of a path under /proc/: /proc/self, /proc/PID/fd/N. */
int proc_readlink(const char *path, char *buf, size_t size);
/* What stat() (follow) or lstat() sees at a /proc/PID/fd path: the
 * inode (with a reference: iput it), and the mode (a link's: S_IFLNK
 * and the file's access); 0 or -ENOENT (-ENOMEM). */
int proc_fd_getattr(const char *path, bool follow, struct inode **inode,
		    umode_t *mode);

/* Registers a character device node at /dev/name. */
/* drivers/random.c: not cryptographic (see there) */
void get_random_bytes(void *buf, size_t n);
extern const struct file_operations random_fops;
void register_chrdev(const char *name, unsigned int rdev,
		     const struct file_operations *fops);

/* pipe.c: /proc/sys/fs/pipe-max-size.  Linux: init_pipe_fs() */
void pipe_init(void);
/* pipe.c: F_SETPIPE_SZ and F_GETPIPE_SZ.  Linux: pipe_fcntl() */
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg);

/* fcntl.c: FIOASYNC's ->fasync for pipes and ttys: sets or clears
 * FASYNC.  Linux: fs/fcntl.c fasync_helper() — no fasync_struct list,
 * as no SIGIO is ever sent (no F_SETOWN). */
int fasync_helper(int fd, struct file *filp, int on);

/* stat.c: Linux: fs/stat.c inode_get_bytes() (st_blocks, FIOQSIZE) */
loff_t inode_get_bytes(struct inode *inode);

/* Generic helpers for file_operations. */
loff_t no_llseek(struct file *f, loff_t offset, int whence);	/* -ESPIPE */
loff_t noop_llseek(struct file *f, loff_t offset, int whence);	/* f_pos */
/* splice.c: ->splice_read/->splice_write through the file's own
 * ->read/->write (or _iter), the kernel buffer passed as a user one.
 * Linux: fs/splice.c copy_splice_read(), iter_file_splice_write() */
ssize_t copy_splice_read(struct file *in, loff_t *pos, void *buf, size_t n);
ssize_t iter_file_splice_write(struct file *out, const void *buf, size_t n,
			       loff_t *pos);
/* sync.c: an fsync with nothing to write back (memory file systems).
 * Linux: fs/libfs.c noop_fsync() */
int noop_fsync(struct file *f, int datasync);
/* read_write.c: the checks and the call of a read or write at *pos
 * (f_pos or a pread's offset).  Linux: vfs_read(), vfs_write() */
ssize_t vfs_read(struct file *f, char __user *buf, size_t n, loff_t *pos);
ssize_t vfs_write(struct file *f, const char __user *buf, size_t n,
		  loff_t *pos);
/* Linux: fs/read_write.c rw_verify_area(): EINVAL for a count over
 * SSIZE_MAX, a negative position or one that count would overflow */
int rw_verify_area(struct file *f, const loff_t *pos, size_t count);

#endif
