package dev.hetplace.experiments.testing;

import dev.hetplace.experiments.run.ResultStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A results store opener that plays a disk filling up: the files opened through it take {@code room} bytes in all,
 * then a write stores only what still fits (tearing the line it was writing) and fails as Linux does
 * ({@code No space left on device}).
 */
public final class FullDisk implements ResultStore.Opener {
    private final AtomicLong room;

    public FullDisk(long room) {
        this.room = new AtomicLong(room);
    }

    @Override
    public OutputStream append(Path p) throws IOException {
        return new FilterOutputStream(ResultStore.Opener.FILES.append(p)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                long fits = Math.min(len, Math.max(0, room.getAndAdd(-len)));
                out.write(b, off, (int) fits);
                if (fits < len) {
                    out.flush();
                    throw new IOException("No space left on device");
                }
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
    }
}
