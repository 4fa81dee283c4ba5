package dev.ember.sql.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberException;
import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file SQL tests: each {@code src/test/resources/golden/NAME.sql} (format in {@link GoldenFile}) runs in a fresh
 * session over {@code local[2]} with four shuffle partitions, and what each query gives (schema and rows, the physical
 * plan where asked, or the error class and message) must equal the block of that query in {@code NAME.sql.out}. Rows
 * of queries without a top-level ORDER BY are sorted before comparing. With {@code -Dember.golden.update=true} the
 * {@code .out} files are written from what the engine gives instead.
 *
 * <p>The files under {@code golden/pending/} hold queries of features not there yet, or that the engine answers
 * wrongly today; their {@code .out} files were written by hand with the results Spark's semantics give, and are never
 * regenerated. What the engine gives for them goes to {@code target/golden-actual/}.
 */
class GoldenQueriesTest {
    static final String UPDATE_PROPERTY = "ember.golden.update";
    private static final Path ROOT = Paths.get("src", "test", "resources", "golden");
    private static final Path PENDING = ROOT.resolve("pending");
    /** {@code -Dember.golden.only=PREFIX} runs only the files whose names start with it. */
    private static final String ONLY = System.getProperty("ember.golden.only", "");

    private static final Path ACTUAL = Paths.get("target", "golden-actual");

    static Stream<String> goldenFiles() {
        return sqlFiles(ROOT);
    }

    static Stream<String> pendingFiles() {
        return Files.isDirectory(PENDING) ? sqlFiles(PENDING) : Stream.empty();
    }

    private static Stream<String> sqlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files
                    .map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".sql"))
                    .filter(name -> ONLY.isEmpty() || name.startsWith(ONLY))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyTopicHasQueries() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ONLY.isEmpty(), "only some files run");
        List<String> files = goldenFiles().toList();
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        int queries = 0;
        for (String file : files) {
            queries += (int) GoldenFile.parse(read(ROOT.resolve(file))).statements().stream()
                    .filter(s -> s.kind() == GoldenFile.Kind.QUERY)
                    .count();
        }
        assertThat(queries).isGreaterThanOrEqualTo(300);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void golden(String file) {
        check(ROOT, file, Boolean.getBoolean(UPDATE_PROPERTY));
    }

    @Disabled("run by hand while a file is under golden/pending/ (none is today): each holds queries Ember answers"
            + " differently from Spark, and moves up to golden/ when all of its queries pass")
    @ParameterizedTest(name = "pending/{0}")
    @MethodSource("pendingFiles")
    void pending(String file) {
        check(PENDING, file, false);
    }

    private static void check(Path directory, String file, boolean update) {
        Path sqlPath = directory.resolve(file);
        Path outPath = directory.resolve(file + ".out");
        GoldenFile golden = GoldenFile.parse(read(sqlPath));
        Map<Integer, String> actual = run(golden, file);
        String actualText = render(file, actual);
        writeActual(directory.equals(PENDING) ? "pending-" + file : file, actualText);
        if (update) {
            write(outPath, actualText);
            return;
        }
        if (!Files.exists(outPath)) {
            throw new AssertionError("No " + outPath + "; run with -D" + UPDATE_PROPERTY
                    + "=true to write it from the engine's results");
        }
        Map<Integer, String> expected = parseOut(read(outPath));
        StringBuilder failures = new StringBuilder();
        int failed = 0;
        for (GoldenFile.Statement statement : golden.statements()) {
            if (statement.kind() != GoldenFile.Kind.QUERY) {
                continue;
            }
            String want = expected.get(statement.number());
            String got = actual.get(statement.number());
            if (want == null) {
                failures.append("\n=== ")
                        .append(file)
                        .append(" query ")
                        .append(statement.number())
                        .append(" (line ")
                        .append(statement.line())
                        .append(") has no expected block\n");
                failed++;
            } else if (!want.equals(got)) {
                failures.append("\n=== ")
                        .append(file)
                        .append(" query ")
                        .append(statement.number())
                        .append(" (line ")
                        .append(statement.line())
                        .append("):\n")
                        .append(statement.sql())
                        .append('\n')
                        .append(UnifiedDiff.diff(
                                file + ".out (expected)", file + " (actual)", lines(want), lines(got)));
                failed++;
            }
        }
        for (Integer number : expected.keySet()) {
            if (!actual.containsKey(number)) {
                failures.append("\n=== ")
                        .append(file)
                        .append(": the .out file has query ")
                        .append(number)
                        .append(", which the .sql file does not\n");
                failed++;
            }
        }
        if (failed > 0) {
            throw new AssertionError(failed + " of " + actual.size() + " queries of " + file
                    + " differ from the golden file (what the engine gave is in " + ACTUAL.resolve(file + ".out")
                    + "):" + failures);
        }
    }

    private static Map<Integer, String> run(GoldenFile golden, String file) {
        Map<Integer, String> results = new LinkedHashMap<>();
        EmberSession session = EmberSession.builder()
                .master("local[2]")
                .appName("golden-" + file)
                .config("ember.sql.shuffle.partitions", 4L)
                .config("ember.sql.session.timeZone", "UTC")
                .getOrCreate();
        try {
            for (GoldenFile.Statement statement : golden.statements()) {
                if (statement.kind() == GoldenFile.Kind.SETUP) {
                    try {
                        session.sql(statement.sql()).collectAsList();
                    } catch (RuntimeException e) {
                        throw new AssertionError(
                                file + ": setup statement on line " + statement.line() + " failed: " + statement.sql(),
                                e);
                    }
                    continue;
                }
                results.put(statement.number(), runQuery(session, statement));
            }
        } finally {
            session.stop();
        }
        return results;
    }

    static String runQuery(EmberSession session, GoldenFile.Statement statement) {
        StringBuilder out = new StringBuilder();
        out.append(statement.sql()).append('\n');
        try {
            Dataset<Row> dataset = session.sql(statement.sql());
            String schema = dataset.schema().simpleString();
            List<String> rows = new ArrayList<>();
            for (Row row : dataset.collectAsList()) {
                rows.add(GoldenValues.row(row));
            }
            if (!statement.ordered()) {
                rows.sort(null);
            }
            out.append("-- !schema\n").append(schema).append('\n');
            out.append("-- !result\n");
            for (String row : rows) {
                out.append(row).append('\n');
            }
            if (statement.plan()) {
                out.append("-- !plan\n").append(normalizePlan(dataset.explainString(false)));
            }
        } catch (RuntimeException | StackOverflowError e) {
            out.append("-- !error\n").append(describe(e)).append('\n');
        }
        return out.toString();
    }

    /** The innermost Ember error of the chain as its class and message, or the Java exception when there is none. */
    static String describe(Throwable error) {
        EmberException ember = null;
        Throwable innermost = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EmberException e) {
                ember = e;
            }
            innermost = t;
            if (t.getCause() == t) {
                break;
            }
        }
        if (ember != null) {
            return ember.errorClass() + "\n" + ember.detail().strip();
        }
        return "java:" + innermost.getClass().getName() + "\n" + innermost.getMessage();
    }

    /** Plans name expressions with ids that depend on what ran before: {@code a#12} becomes {@code a#x}. */
    static String normalizePlan(String plan) {
        String text = plan.replaceAll("#\\d+L?", "#x");
        return text.endsWith("\n") ? text : text + "\n";
    }

    private static String render(String file, Map<Integer, String> results) {
        StringBuilder out = new StringBuilder();
        out.append("-- Results of ")
                .append(file)
                .append(" (regenerate with -D")
                .append(UPDATE_PROPERTY)
                .append("=true)\n");
        results.forEach((number, text) ->
                out.append("\n-- !query ").append(number).append('\n').append(text));
        return out.toString();
    }

    static Map<Integer, String> parseOut(String text) {
        Map<Integer, String> blocks = new LinkedHashMap<>();
        Integer current = null;
        StringBuilder block = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("-- !query ")) {
                if (current != null) {
                    blocks.put(current, trimBlock(block));
                }
                current = Integer.parseInt(line.substring("-- !query ".length()).strip());
                block.setLength(0);
            } else if (current != null) {
                block.append(line).append('\n');
            }
        }
        if (current != null) {
            blocks.put(current, trimBlock(block));
        }
        return blocks;
    }

    private static String trimBlock(StringBuilder block) {
        String text = block.toString();
        while (text.endsWith("\n\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path path, String text) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeActual(String name, String text) {
        write(ACTUAL.resolve(name + ".out"), text);
    }
}
