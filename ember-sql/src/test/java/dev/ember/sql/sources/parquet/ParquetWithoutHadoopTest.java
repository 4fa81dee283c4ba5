package dev.ember.sql.sources.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.sources.SourceOptions;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hadoop's client API is on the test class path (it is a {@code provided} dependency, needed to compile against
 * parquet-hadoop); this test loads the format in a class loader of the same class path without Hadoop's jars, and
 * writes and reads a file of every type and every codec with it: any Hadoop class on those paths would fail with a
 * NoClassDefFoundError.
 */
class ParquetWithoutHadoopTest {
    @TempDir
    Path dir;

    @Test
    void writingAndReadingLoadNoHadoopClass() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        boolean sawHadoop = false;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            String name = Paths.get(entry).getFileName().toString();
            if (name.startsWith("hadoop-")) {
                sawHadoop = true;
                continue;
            }
            urls.add(Paths.get(entry).toUri().toURL());
        }
        assertThat(sawHadoop)
                .as("Hadoop's client API is on the test class path")
                .isTrue();

        try (URLClassLoader withoutHadoop =
                new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutHadoop.loadClass("org.apache.hadoop.conf.Configuration"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> probe = withoutHadoop.loadClass(Probe.class.getName());
            assertThat(probe.getClassLoader()).isSameAs(withoutHadoop);
            Method run = probe.getMethod("run", String.class);
            for (String codec : new String[] {"snappy", "gzip", "zstd", "lz4", "none"}) {
                Path codecDir = dir.resolve(codec);
                java.nio.file.Files.createDirectories(codecDir);
                assertThat(run.invoke(null, codecDir + File.pathSeparator + codec))
                        .isEqualTo("2000 rows read back equal");
            }
        }
    }

    /** Run inside the class loader without Hadoop. */
    public static final class Probe {
        private Probe() {}

        public static String run(String dirAndCodec) throws Exception {
            String[] parts = dirAndCodec.split(File.pathSeparator);
            Path file = Paths.get(parts[0]).resolve("probe.parquet");
            ParquetFormat format = new ParquetFormat();
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                rows.add(ParquetFormatTest.allTypesRow(i));
            }
            ParquetTestSupport.write(
                    format,
                    file,
                    ParquetFormatTest.ALL_TYPES,
                    rows,
                    new SourceOptions(Map.of("compression", parts[1])));
            List<Object[]> read = ParquetTestSupport.readAll(
                    format,
                    file,
                    format.inferSchema(List.of(file), SourceOptions.empty()),
                    ParquetFormatTest.ALL_TYPES,
                    List.of());
            boolean equal = ParquetTestSupport.comparable(read).equals(ParquetTestSupport.comparable(rows));
            return read.size() + " rows read back " + (equal ? "equal" : "different");
        }
    }
}
