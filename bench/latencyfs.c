/* latencyfs: the benchmark's network file system. A read-only passthrough FUSE file system
 * that sleeps DELAY microseconds in every getattr, opendir and readdir, as a server answering
 * over a network would, and answers up to MAX_THREADS requests at the same time.
 *
 *   latencyfs SOURCE MOUNTPOINT DELAY_US MAX_THREADS   (foreground until unmounted)
 *
 * Why not tests/support/slowfs.py --threads, which bench/run used before: fusepy is bound to
 * libfuse 2.9, whose multi-threaded loop never runs more than 10 workers, and each request
 * takes the Python interpreter's lock. Measured on the 2-core machine of BENCHMARKS.md, that
 * server used 0.67 s of CPU while it answered one `dug -s` over 2,000 files in 0.55 s: it
 * measured itself, not the latency. Here a request costs a few microseconds of CPU, and
 * libfuse 3 runs as many workers as requests in flight, up to MAX_THREADS.
 *
 * Like slowfs.py: the kernel's attribute and entry caches are off (attr_timeout=0,
 * entry_timeout=0, negative_timeout=0), so every stat of every run reaches this process (a
 * stat is a LOOKUP then a GETATTR: two delays), inode numbers are the source's (use_ino), and
 * readdir hands out d_ino and d_type as the source gives them, without readdirplus.
 *
 * Build: gcc -O2 -Wall -o latencyfs bench/latencyfs.c $(pkg-config --cflags --libs fuse3)
 * (Debian: libfuse3-dev, pkg-config; bench/run builds it into target/). */

#define FUSE_USE_VERSION 31
#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

static int source_fd = -1;
static struct timespec delay;

static void wait_a_round_trip(void)
{
	struct timespec left = delay;
	while (nanosleep(&left, &left) == -1 && errno == EINTR)
		;
}

/* The path below SOURCE, relative to source_fd: "/" is ".", "/a/b" is "a/b". */
static const char *rel(const char *path)
{
	while (*path == '/')
		path++;
	return *path ? path : ".";
}

static void *lfs_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	conn->want &= ~FUSE_CAP_READDIRPLUS;
	/* The kernel serialises the first lookup of each name in one directory (a mutex per
	 * directory inode, fuse_lock_inode) unless the server negotiates parallel dirops, and
	 * libfuse 3.14 does not (seen here: its INIT reply lacks the flag, asked for or not).
	 * So the first walk over a fresh mount sees one lookup in flight, ~1.2 ms per new name;
	 * later walks only revalidate names they know, and those run in parallel. The benchmark's
	 * warm-up rounds pay the first walk; its cancel runs land in it. */
	cfg->use_ino = 1;
	cfg->readdir_ino = 0;
	cfg->attr_timeout = 0;
	cfg->entry_timeout = 0;
	cfg->negative_timeout = 0;
	return NULL;
}

static int lfs_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	(void)fi;
	wait_a_round_trip();
	if (fstatat(source_fd, rel(path), st, AT_SYMLINK_NOFOLLOW) == -1)
		return -errno;
	return 0;
}

static int lfs_opendir(const char *path, struct fuse_file_info *fi)
{
	wait_a_round_trip();
	int fd = openat(source_fd, rel(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd == -1)
		return -errno;
	DIR *dir = fdopendir(fd);
	if (dir == NULL) {
		int e = errno;
		close(fd);
		return -e;
	}
	fi->fh = (uint64_t)(uintptr_t)dir;
	return 0;
}

static int lfs_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t offset,
		       struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	(void)path;
	(void)offset;
	(void)flags;
	wait_a_round_trip();
	DIR *dir = (DIR *)(uintptr_t)fi->fh;
	rewinddir(dir);
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(dir);
		if (de == NULL)
			return -errno;
		struct stat st = {.st_ino = de->d_ino, .st_mode = (mode_t)DTTOIF(de->d_type)};
		/* Offset 0: libfuse collects the whole listing and serves the kernel from it. */
		if (fill(buf, de->d_name, &st, 0, 0))
			return 0;
	}
}

static int lfs_releasedir(const char *path, struct fuse_file_info *fi)
{
	(void)path;
	closedir((DIR *)(uintptr_t)fi->fh);
	return 0;
}

static int lfs_readlink(const char *path, char *buf, size_t size)
{
	ssize_t n = readlinkat(source_fd, rel(path), buf, size - 1);
	if (n == -1)
		return -errno;
	buf[n] = '\0';
	return 0;
}

static int lfs_statfs(const char *path, struct statvfs *st)
{
	(void)path;
	if (fstatvfs(source_fd, st) == -1)
		return -errno;
	return 0;
}

static int lfs_open(const char *path, struct fuse_file_info *fi)
{
	if ((fi->flags & O_ACCMODE) != O_RDONLY)
		return -EROFS;
	int fd = openat(source_fd, rel(path), O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return -errno;
	fi->fh = (uint64_t)fd;
	return 0;
}

static int lfs_read(const char *path, char *buf, size_t size, off_t offset,
		    struct fuse_file_info *fi)
{
	(void)path;
	ssize_t n = pread((int)fi->fh, buf, size, offset);
	return n == -1 ? -errno : (int)n;
}

static int lfs_release(const char *path, struct fuse_file_info *fi)
{
	(void)path;
	close((int)fi->fh);
	return 0;
}

static const struct fuse_operations ops = {
	.init = lfs_init,
	.getattr = lfs_getattr,
	.opendir = lfs_opendir,
	.readdir = lfs_readdir,
	.releasedir = lfs_releasedir,
	.readlink = lfs_readlink,
	.statfs = lfs_statfs,
	.open = lfs_open,
	.read = lfs_read,
	.release = lfs_release,
};

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: %s SOURCE MOUNTPOINT DELAY_US MAX_THREADS\n", argv[0]);
		return 2;
	}
	char *us_end, *threads_end;
	long us = strtol(argv[3], &us_end, 10);
	long threads = strtol(argv[4], &threads_end, 10);
	if (*argv[3] == '\0' || *us_end != '\0' || us < 0 || *argv[4] == '\0' ||
	    *threads_end != '\0' || threads < 1) {
		fprintf(stderr, "%s: DELAY_US and MAX_THREADS are numbers\n", argv[0]);
		return 2;
	}
	delay.tv_sec = us / 1000000;
	delay.tv_nsec = (us % 1000000) * 1000;
	source_fd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (source_fd == -1) {
		perror(argv[1]);
		return 1;
	}
	char opts[PATH_MAX + 128];
	/* Only root may let other users in without user_allow_other in /etc/fuse.conf. */
	snprintf(opts, sizeof opts, "ro,fsname=dug-latencyfs,max_threads=%ld%s", threads,
		 getuid() == 0 ? ",allow_other" : "");
	char *fuse_argv[] = {argv[0], "-f", "-o", opts, argv[2], NULL};
	return fuse_main(5, fuse_argv, &ops, NULL);
}
