package dev.ember.bench.ember;

import dev.ember.bench.workload.Tpch;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.util.AllowedCall;
import dev.ember.util.ThreadUtils;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Writes the eight TPC-H tables of a scale factor as Parquet with Ember, from the TPC-H generator: money as
 * decimal(15,2), dates as DATE, keys as bigint, as the specification has them. Each table is generated in parts of
 * at most about half a million rows, each part appended as its own files, so memory stays bounded at any scale.
 * The directory is complete once {@link Tpch#COMPLETE_MARKER} exists; an interrupted run starts over.
 *
 * <pre>  java -cp ... dev.ember.bench.ember.TpchData &lt;directory&gt; &lt;scale factor&gt; [table ...]</pre>
 */
public final class TpchData {
    private static final long ROWS_PER_PART = 500_000;
    private static final long PART_TIMEOUT_MINUTES = 60;

    private TpchData() {}

    @AllowedCall("a command-line tool returns its exit code")
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TpchData <directory> <scale factor> [table ...]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        double scaleFactor = Double.parseDouble(args[1]);
        List<String> only = List.of(args).subList(2, args.length);
        long start = System.nanoTime();
        try (EmberSession session = EmberSession.builder()
                .master("local[2]")
                .appName("tpch-data")
                .config("ember.ui.enabled", "false")
                .getOrCreate()) {
            write(session, directory, scaleFactor, only);
        }
        System.err.printf(
                Locale.ROOT,
                "TPC-H SF %s written to %s in %.1f s%n",
                args[1],
                directory,
                (System.nanoTime() - start) / 1e9);
    }

    static void write(EmberSession session, Path directory, double scaleFactor, List<String> only) throws IOException {
        deleteRecursively(directory);
        Files.createDirectories(directory);
        for (TpchTable<?> table : TpchTable.getTables()) {
            if (only.isEmpty() || only.contains(table.getTableName())) {
                writeTable(session, table, directory.resolve(table.getTableName()), scaleFactor);
            }
        }
        Files.writeString(
                directory.resolve(Tpch.COMPLETE_MARKER),
                "TPC-H scale factor " + scaleFactor + (only.isEmpty() ? "" : ", tables " + only) + "\n",
                StandardCharsets.UTF_8);
    }

    private static <E extends TpchEntity> void writeTable(
            EmberSession session, TpchTable<E> table, Path out, double scaleFactor) {
        List<TpchColumn<E>> columns = table.getColumns();
        List<StructField> fields = new ArrayList<>();
        for (TpchColumn<E> column : columns) {
            fields.add(DataTypes.createStructField(column.getColumnName(), sqlType(column), false));
        }
        StructType schema = new StructType(fields);
        int parts = (int) Math.max(1, Math.ceil(estimatedRows(table.getTableName(), scaleFactor) / ROWS_PER_PART));
        // The generator is single-threaded: parts are generated (and appended, each as files of its own job) by as
        // many threads as the machine has cores.
        int threads = Math.min(parts, Math.max(1, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = ThreadUtils.newDaemonFixedThreadPool(threads, "tpch-data-" + table.getTableName());
        try {
            List<Future<?>> written = new ArrayList<>();
            for (int part = 1; part <= parts; part++) {
                int number = part;
                written.add(
                        pool.submit(() -> writePart(session, table, columns, schema, out, scaleFactor, number, parts)));
            }
            for (Future<?> future : written) {
                future.get(PART_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing " + table.getTableName(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + table.getTableName() + ": " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <E extends TpchEntity> void writePart(
            EmberSession session,
            TpchTable<E> table,
            List<TpchColumn<E>> columns,
            StructType schema,
            Path out,
            double scaleFactor,
            int part,
            int parts) {
        List<Row> rows = new ArrayList<>();
        for (E entity : table.createGenerator(scaleFactor, part, parts)) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(columns.get(i), entity);
            }
            rows.add(Row.of(values));
        }
        session.createDataFrame(rows, schema)
                .write()
                .mode("append")
                .parquet(out.toAbsolutePath().toString());
    }

    private static double estimatedRows(String table, double scaleFactor) {
        return switch (table) {
            case "lineitem" -> 6_000_000 * scaleFactor;
            case "orders" -> 1_500_000 * scaleFactor;
            case "partsupp" -> 800_000 * scaleFactor;
            case "part" -> 200_000 * scaleFactor;
            case "customer" -> 150_000 * scaleFactor;
            default -> 10_000 * scaleFactor;
        };
    }

    private static DataType sqlType(TpchColumn<?> column) {
        return switch (column.getType().getBase()) {
            case INTEGER -> DataTypes.IntegerType;
            case IDENTIFIER -> DataTypes.LongType;
            case DATE -> DataTypes.DateType;
            case DOUBLE -> DataTypes.createDecimalType(15, 2);
            case VARCHAR -> DataTypes.StringType;
        };
    }

    private static <E extends TpchEntity> Object value(TpchColumn<E> column, E entity) {
        return switch (column.getType().getBase()) {
            case INTEGER -> column.getInteger(entity);
            case IDENTIFIER -> column.getIdentifier(entity);
            case DATE -> java.sql.Date.valueOf(LocalDate.ofEpochDay(column.getDate(entity)));
            case DOUBLE -> BigDecimal.valueOf(column.getDouble(entity)).setScale(2, RoundingMode.HALF_UP);
            case VARCHAR -> column.getString(entity);
        };
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
