/* The least a du can do: N threads share a stack of directories; each opens one, reads it
 * with getdents64 and fstatat's every entry relative to it (AT_SYMLINK_NOFOLLOW), adds
 * st_blocks and pushes the subdirectories. No order, no output but the total, no hard-link
 * table, no errors reported: the system calls any du must make, and nothing else. Run on a
 * cold cache, it bounds what any walker can reach on this machine (BENCHMARKS.md, issue 14).
 *
 * Usage: floor THREADS DIR    prints the total of st_blocks * 512 and the entries stat'ed.
 * Build: gcc -O2 -pthread -o floor bench/floor.c
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static char **stack;
static size_t depth, room;
static int busy; /* threads holding a directory */
static uint64_t blocks, entries;

/* Appends `path` to the array `*paths` of `*len` items, growing it as needed. */
static void append(char ***paths, size_t *len, size_t *cap, char *path)
{
    if (*len == *cap) {
        *cap = *cap ? 2 * *cap : 1024;
        *paths = realloc(*paths, *cap * sizeof **paths);
        if (!*paths) {
            perror("realloc");
            exit(1);
        }
    }
    (*paths)[(*len)++] = path;
}

static void push(char *path)
{
    append(&stack, &depth, &room, path);
}

/* Reads one directory and pushes its subdirectories' paths, under the lock. */
static void scan(char *path, uint64_t *my_blocks, uint64_t *my_entries)
{
    char buf[32768];
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        free(path);
        return;
    }
    char **found = NULL;
    size_t nfound = 0, cap = 0;
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0)
            break;
        for (long off = 0; off < n;) {
            struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
            off += d->d_reclen;
            const char *name = d->d_name;
            if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])))
                continue;
            struct stat st;
            if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            *my_blocks += st.st_blocks;
            *my_entries += 1;
            if (S_ISDIR(st.st_mode)) {
                size_t len = strlen(path) + 1 + strlen(name) + 1;
                char *child = malloc(len);
                if (!child) {
                    perror("malloc");
                    exit(1);
                }
                snprintf(child, len, "%s/%s", path, name);
                append(&found, &nfound, &cap, child);
            }
        }
    }
    close(fd);
    free(path);
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < nfound; i++)
        push(found[i]);
    pthread_mutex_unlock(&lock);
    if (nfound)
        pthread_cond_broadcast(&ready);
    free(found);
}

static void *worker(void *arg)
{
    (void)arg;
    uint64_t my_blocks = 0, my_entries = 0;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (depth == 0 && busy > 0)
            pthread_cond_wait(&ready, &lock);
        if (depth == 0)
            break; /* nothing queued and nobody can queue more */
        char *path = stack[--depth];
        busy++;
        pthread_mutex_unlock(&lock);
        scan(path, &my_blocks, &my_entries);
        pthread_mutex_lock(&lock);
        busy--;
        if (busy == 0 && depth == 0)
            pthread_cond_broadcast(&ready);
    }
    blocks += my_blocks;
    entries += my_entries;
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: floor THREADS DIR\n");
        return 2;
    }
    int threads = atoi(argv[1]);
    if (threads < 1)
        threads = 1;
    push(strdup(argv[2]));
    pthread_t *tids = calloc(threads, sizeof *tids);
    for (int i = 0; i < threads; i++)
        pthread_create(&tids[i], NULL, worker, NULL);
    for (int i = 0; i < threads; i++)
        pthread_join(tids[i], NULL);
    printf("%llu bytes, %llu entries\n", (unsigned long long)blocks * 512,
           (unsigned long long)entries);
    return 0;
}
