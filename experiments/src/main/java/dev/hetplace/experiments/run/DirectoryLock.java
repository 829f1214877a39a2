package dev.hetplace.experiments.run;

import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.SettingException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a sweep holds on its results directory while it writes it: an OS file lock
 * ({@link FileChannel#tryLock()}) on {@code DIR/.sweep.lock}. The OS drops the lock when the process dies however it
 * dies, so a lock left by a killed sweep never blocks a resume; the empty file itself stays and means nothing.
 */
public final class DirectoryLock implements Closeable {
    public static final String FILE = ".sweep.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (which must exist) or refuses with one line when another sweep holds it. */
    public static DirectoryLock acquire(Path dir) {
        Path p = dir.resolve(FILE);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = tryLock(ch);
            if (l == null) {
                ch.close();
                throw new SettingException(w -> dir + ": another sweep is writing this directory (it holds "
                        + p.getFileName() + "); wait for it to end or choose another " + w.name(Setting.OUT));
            }
            return new DirectoryLock(ch, l);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot lock " + p + ": " + e.getMessage(), e);
        }
    }

    /** True when a live process holds {@code dir}'s lock (nothing is created or changed). */
    public static boolean isHeld(Path dir) {
        Path p = dir.resolve(FILE);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            FileLock l = tryLock(ch);
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (FileSystemException e) {
            return false; // no lock file, or one this process cannot open to lock (a read-only copy): taken as free
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the lock " + p + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process (another sweep in the same JVM)
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + FILE + ": " + e.getMessage(), e);
        }
    }
}
