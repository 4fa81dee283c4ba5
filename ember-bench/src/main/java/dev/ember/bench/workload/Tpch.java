package dev.ember.bench.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The TPC-H workload's shared facts: its eight tables, the 22 queries in their standard text with the validation
 * parameters (resources {@code /tpch/qNN.sql}, the same files Ember's own TPC-H test runs), and whether a query's
 * answer has an order.
 */
public final class Tpch {
    public static final List<String> TABLES =
            List.of("nation", "region", "part", "supplier", "partsupp", "customer", "orders", "lineitem");

    /** The file the data generator writes last, into the data directory, once every table is complete. */
    public static final String COMPLETE_MARKER = "_GENERATED";

    private Tpch() {}

    /** The text of query {@code number} (1 to 22) without its comment lines. */
    public static String query(int number) {
        if (number < 1 || number > 22) {
            throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + number);
        }
        String name = String.format(Locale.ROOT, "/tpch/q%02d.sql", number);
        try (InputStream in = Tpch.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name + " on the class path");
            }
            StringBuilder text = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    text.append(line).append('\n');
                }
            }
            String sql = text.toString().strip();
            return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Whether the query ends with an ORDER BY of its own (not only inside a subquery). */
    public static boolean ordered(String sql) {
        int depth = 0;
        StringBuilder outside = new StringBuilder();
        for (char c : sql.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0) {
                outside.append(Character.isWhitespace(c) ? ' ' : c);
            }
        }
        return outside.toString().replaceAll(" +", " ").contains("order by");
    }
}
