package dev.ember.scheduler.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.util.ThreadUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor's added files against a driver made of a directory: the fetcher copies what the driver would stream
 * (a directory as its archive) and records every stream asked for.
 */
class ExecutorFilesTest {
    /** Serves the files of {@code driverFiles} by stream name, as the driver does, counting the fetches. */
    private static final class DirectoryDriver implements ExecutorFiles.Fetcher {
        private final Path driverFiles;
        private final Path archives;
        private final List<String> fetched = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Boolean> failNext = new ConcurrentHashMap<>();

        DirectoryDriver(Path driverFiles, Path archives) {
            this.driverFiles = driverFiles;
            this.archives = archives;
        }

        @Override
        public void fetch(String streamId, Path target) throws IOException {
            fetched.add(streamId);
            if (failNext.remove(streamId) != null) {
                throw new IOException("connection reset while fetching " + streamId);
            }
            FileShipping.Entry entry = FileShipping.decode(streamId.substring(FileShipping.STREAM_PREFIX.length()))
                    .get(0);
            Path source = driverFiles.resolve(entry.name());
            if (entry.directory()) {
                Path archive = archives.resolve(entry.name() + ".zip");
                FileShipping.writeArchive(source, archive);
                Files.copy(archive, target);
            } else {
                Files.copy(source, target);
            }
        }
    }

    private static Properties job(FileShipping.Entry... entries) {
        Properties properties = new Properties();
        properties.setProperty(FileShipping.PROPERTY, FileShipping.encode(List.of(entries)));
        return properties;
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachFileIsFetchedOnceIntoFilesOfTheWorkingDirectory(@TempDir Path temp) throws Exception {
        Path driverFiles = Files.createDirectories(temp.resolve("driver"));
        Files.writeString(driverFiles.resolve("a.txt"), "A");
        Files.createDirectories(driverFiles.resolve("dir/sub"));
        Files.writeString(driverFiles.resolve("dir/sub/b.txt"), "B");
        DirectoryDriver driver = new DirectoryDriver(driverFiles, Files.createDirectories(temp.resolve("archives")));
        Path work = Files.createDirectories(temp.resolve("executor"));
        ExecutorFiles files = new ExecutorFiles(work, driver);
        assertThat(files.root()).isEqualTo(work.resolve("files")).isDirectory();

        FileShipping.Entry a = new FileShipping.Entry("a.txt", false);
        FileShipping.Entry dir = new FileShipping.Entry("dir", true);
        assertThat(files.prepare(new Properties())).isZero();
        assertThat(files.prepare(null)).isZero();
        assertThat(files.prepare(job(a))).isEqualTo(1);
        assertThat(files.prepare(job(a))).isZero();
        assertThat(files.prepare(job(a, dir))).isEqualTo(1);
        assertThat(driver.fetched).containsExactly("file/a.txt", "file/dir/");
        assertThat(Files.readString(files.root().resolve("a.txt"))).isEqualTo("A");
        assertThat(Files.readString(files.root().resolve("dir/sub/b.txt"))).isEqualTo("B");
        assertThat(Files.isExecutable(files.root().resolve("a.txt"))).isTrue();
        assertThat(listing(work)).as("no scratch directory left behind").containsExactly("files");

        // Many task threads at once: still one fetch a file.
        FileShipping.Entry c = new FileShipping.Entry("c.txt", false);
        Files.writeString(driverFiles.resolve("c.txt"), "C");
        ExecutorService pool = ThreadUtils.newDaemonFixedThreadPool(8, "prepare-test");
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> files.prepare(job(a, dir, c))));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(driver.fetched).containsExactly("file/a.txt", "file/dir/", "file/c.txt");
    }

    @Test
    void aFailedFetchLeavesNothingAndTheNextTaskFetchesAgain(@TempDir Path temp) throws Exception {
        Path driverFiles = Files.createDirectories(temp.resolve("driver"));
        Files.writeString(driverFiles.resolve("a.txt"), "A");
        DirectoryDriver driver = new DirectoryDriver(driverFiles, temp);
        Path work = Files.createDirectories(temp.resolve("executor"));
        ExecutorFiles files = new ExecutorFiles(work, driver);
        FileShipping.Entry a = new FileShipping.Entry("a.txt", false);
        driver.failNext.put(a.streamId(), true);
        assertThatThrownBy(() -> files.prepare(job(a))).hasMessageContaining("connection reset");
        assertThat(listing(files.root())).isEmpty();
        assertThat(listing(work)).containsExactly("files");
        assertThat(files.prepare(job(a))).isEqualTo(1);
        assertThat(Files.readString(files.root().resolve("a.txt"))).isEqualTo("A");
        assertThat(driver.fetched).containsExactly("file/a.txt", "file/a.txt");
    }
}
