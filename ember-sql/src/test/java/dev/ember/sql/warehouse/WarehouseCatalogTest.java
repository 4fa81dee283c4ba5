package dev.ember.sql.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.catalog.CatalogTable;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import dev.ember.util.ThreadUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several writers changing one warehouse's catalog at once: threads of one process, and two processes. */
class WarehouseCatalogTest {
    @TempDir
    Path warehouse;

    static CatalogTable table(WarehouseCatalog catalog, String name) {
        return new CatalogTable(
                "default",
                name,
                CatalogTable.TableType.MANAGED,
                "parquet",
                new StructType().add("id", DataTypes.LongType),
                List.of(),
                catalog.defaultTableLocation("default", name),
                Map.of(),
                Map.of("count", "0"),
                null,
                System.currentTimeMillis(),
                null);
    }

    /** Creates {@code count} tables named {@code prefix_i}, and adds one to the counter table's count each time. */
    static void work(WarehouseCatalog catalog, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            catalog.createTable(table(catalog, prefix + "_" + i), false);
            catalog.alterTable("default", "counter", current -> {
                Map<String, String> properties = new java.util.TreeMap<>(current.properties());
                properties.put("count", Long.toString(Long.parseLong(properties.get("count")) + 1));
                return current.withOptions(current.options(), properties);
            });
        }
    }

    @Test
    void threadsAndAnotherProcessChangingTheCatalogAtOnceLoseNothing() throws Exception {
        WarehouseCatalog mine = new WarehouseCatalog(warehouse);
        mine.createTable(table(mine, "counter"), false);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CatalogWriterMain.class.getName(),
                        warehouse.toString(),
                        "child",
                        "40")
                .redirectErrorStream(true)
                .redirectOutput(warehouse
                        .resolveSibling(warehouse.getFileName() + "-child.log")
                        .toFile())
                .start();
        ExecutorService pool = ThreadUtils.newDaemonFixedThreadPool(3, "catalog-writer");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                String prefix = "thread" + t;
                // Each thread its own catalog object, as each session has.
                futures.add(pool.submit(() -> work(new WarehouseCatalog(warehouse), prefix, 20)));
            }
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
            ThreadUtils.shutdownAndAwait(pool, Duration.ofSeconds(10));
        }
        List<String> tables = mine.tables("default");
        assertThat(tables).hasSize(1 + 3 * 20 + 40).contains("thread2_19", "child_39");
        for (String name : tables) {
            assertThat(mine.table("default", name)).isPresent();
        }
        assertThat(mine.table("default", "counter").orElseThrow().properties()).containsEntry("count", "100");
    }
}
