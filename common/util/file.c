/* common/util/file.c: atomic writes, whole-file reads, directories, pid
 * files. Returns -errno; never reports. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>

#include "common/util/file.h"

/**
 * file_fsync_dir() - make the entries of directory @dir durable
 *
 * Return: 0 or -errno.
 */
int
file_fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int r = 0;

    if (fd < 0)
        return -errno;
    if (fsync(fd) < 0)
        r = -errno;
    close(fd);
    return r;
}

static int
file_fsync_dir_of(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);

    return file_fsync_dir(dir);
}

static int
file_write_full(int fd, const void *data, size_t len)
{
    const char *p = data;

    while (len > 0) {
        ssize_t n = write(fd, p, len);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

/**
 * file_write_atomic() - replace @path with @data so readers see old or new
 * @path: destination file
 * @data: bytes to write
 * @len: number of bytes
 * @mode: permission bits of the new file
 *
 * Return: 0 or -errno (the temporary file is removed on failure).
 */
int
file_write_atomic(const char *path, const void *data, size_t len, mode_t mode)
{
    g_autofree char *tmp = g_strdup_printf("%s.new-XXXXXX", path);
    int fd;
    int r;

    fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode);
    if (fd < 0)
        return -errno;
    if (fchmod(fd, mode) < 0) {
        r = -errno;
        goto fail;
    }
    r = file_write_full(fd, data, len);
    if (r < 0)
        goto fail;
    if (fsync(fd) < 0) {
        r = -errno;
        goto fail;
    }
    if (close(fd) < 0) {
        fd = -1;
        r = -errno;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        r = -errno;
        goto fail;
    }
    return file_fsync_dir_of(path);

 fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    return r;
}

/**
 * file_read_all() - read a whole file into a NUL-terminated buffer
 * @path: file to read
 * @max: refuse files larger than this (-EFBIG)
 * @ret_data: set to a g_malloc'd buffer
 * @ret_len: set to the byte count (optional)
 *
 * Return: 0 or -errno.
 */
int
file_read_all(const char *path, size_t max, char **ret_data, size_t *ret_len)
{
    g_autofree char *buf = NULL;
    size_t len = 0;
    size_t cap = 4096;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -errno;
    buf = g_malloc(cap + 1);
    for (;;) {
        ssize_t n;

        if (len == cap) {
            /* one byte beyond @max tells "exactly max" from "too big" */
            if (cap > max) {
                close(fd);
                return -EFBIG;
            }
            cap = MIN(cap * 2, max + 1);
            buf = g_realloc(buf, cap + 1);
        }
        n = read(fd, buf + len, cap - len);
        if (n < 0) {
            int e = errno;

            if (e == EINTR)
                continue;
            close(fd);
            return -e;
        }
        if (n == 0)
            break;
        len += (size_t) n;
    }
    close(fd);
    if (len > max)
        return -EFBIG;
    buf[len] = '\0';
    *ret_data = g_steal_pointer(&buf);
    if (ret_len)
        *ret_len = len;
    return 0;
}

/**
 * file_mkdir_p() - create @path and missing parents
 *
 * Return: 0 (also when it exists as a directory) or -errno.
 */
int
file_mkdir_p(const char *path, mode_t mode)
{
    if (g_mkdir_with_parents(path, (int) mode) < 0)
        return -errno;
    return 0;
}

/**
 * file_unlink_if_exists() - unlink, treating a missing file as success
 */
int
file_unlink_if_exists(const char *path)
{
    if (unlink(path) < 0 && errno != ENOENT)
        return -errno;
    return 0;
}

/**
 * file_exists() - whether @path exists (any type)
 */
bool
file_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/**
 * file_pidfile_acquire() - lock a pid file and write @pid into it
 * @path: pid file path (parent must exist)
 * @pid: pid to record
 *
 * Return: fd holding the lock, -EAGAIN if held by another process, -errno.
 */
int
file_pidfile_acquire(const char *path, pid_t pid)
{
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };  /* OFD: not lost when another fd of the file closes */
    char buf[32];
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    int len;
    int r;

    if (fd < 0)
        return -errno;
    if (fcntl(fd, F_OFD_SETLK, &fl) < 0) {
        r = (errno == EACCES || errno == EAGAIN) ? -EAGAIN : -errno;
        close(fd);
        return r;
    }
    len = snprintf(buf, sizeof(buf), "%lld\n", (long long) pid);
    r = ftruncate(fd, 0) < 0 ? -errno : file_write_full(fd, buf, (size_t) len);
    if (r < 0) {
        close(fd);
        return r;
    }
    return fd;
}
