package io.sluice.ingest.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

    @TempDir
    Path tmp;

    @Test
    void createsTheDirectoryAndWritesTheHoldersPid() throws Exception {
        Path dir = tmp.resolve("a/b");
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dir)) {
            assertThat(Files.readString(dir.resolve(DataDirectoryLock.FILE_NAME)))
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void aSecondLockInTheSameJvmIsRefusedUntilTheFirstIsClosed() throws Exception {
        try (DataDirectoryLock first = DataDirectoryLock.acquire(tmp)) {
            assertThatThrownBy(() -> DataDirectoryLock.acquire(tmp))
                    .isInstanceOf(DataDirectoryLock.LockedException.class)
                    .hasMessage("Data directory " + tmp + " is locked by a running Sluice instance (pid "
                            + ProcessHandle.current().pid() + "); stop it first, or give this one another sluice.data-dir.");
        }
        DataDirectoryLock.acquire(tmp).close();
    }

    @Test
    void anotherProcessHoldsTheLockUntilItIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Holder.class.getName(), tmp.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine(); // blocks until the holder has the lock, or returns null when it exited
            } while (line != null && !line.equals("locked"));
            assertThat(line).as("the holder's answer").isEqualTo("locked");

            assertThatThrownBy(() -> DataDirectoryLock.acquire(tmp))
                    .isInstanceOf(DataDirectoryLock.LockedException.class)
                    .hasMessageContaining(tmp + " is locked by a running Sluice instance (pid " + holder.pid() + ")");

            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            DataDirectoryLock.acquire(tmp).close();
        } finally {
            holder.destroyForcibly();
        }
    }

    /** Holds the lock of the directory in {@code args[0]}, says so, and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (DataDirectoryLock lock = DataDirectoryLock.acquire(Path.of(args[0]))) {
                System.out.println("locked");
                System.out.flush();
                System.in.read(); // until the test kills this process (its stdin stays open)
            }
        }
    }
}
