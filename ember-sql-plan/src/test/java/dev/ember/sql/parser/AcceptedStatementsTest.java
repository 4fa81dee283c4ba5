package dev.ember.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every statement of {@code parser/accepted.sql} (entries separated by lines holding only {@code ;}) parses, and so do
 * the 22 TPC-H queries ({@code tpch/qNN.sql}, the benchmark's copy) and Q15 written with a view ({@code
 * parser/tpch-q15-view.sql}).
 */
class AcceptedStatementsTest {
    private static final Pattern SEPARATOR = Pattern.compile("(?m)^;[ \\t]*\\r?$");

    static List<String> entries(String resource) throws IOException {
        String text;
        try (InputStream in = AcceptedStatementsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> entries = new ArrayList<>();
        for (String entry : SEPARATOR.split(text)) {
            boolean onlyComments = entry.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("--"));
            if (!onlyComments) {
                entries.add(entry.strip());
            }
        }
        return entries;
    }

    /** The 22 TPC-H queries, then Q15's view, its query and the view's drop. */
    static List<String> tpch() throws IOException {
        List<String> statements = new ArrayList<>();
        for (int query = 1; query <= 22; query++) {
            List<String> entries = entries(String.format(java.util.Locale.ROOT, "/tpch/q%02d.sql", query));
            assertThat(entries).as("Q%d is one statement", query).hasSize(1);
            statements.addAll(entries);
        }
        statements.addAll(entries("/parser/tpch-q15-view.sql"));
        return statements;
    }

    private static List<String> failures(List<String> statements) {
        List<String> failures = new ArrayList<>();
        for (String sql : statements) {
            try {
                SqlParsing.statement(sql);
            } catch (EmberException e) {
                failures.add(sql + "\n  -> " + e.detail().replace("\n", "\n     "));
            }
        }
        return failures;
    }

    @Test
    void everyAcceptedStatementParses() throws IOException {
        List<String> statements = entries("/parser/accepted.sql");
        assertThat(statements).hasSizeGreaterThan(250);
        assertThat(failures(statements)).isEmpty();
    }

    @Test
    void theTwentyTwoTpchQueriesParse() throws IOException {
        List<String> statements = tpch();
        // The 22, and Q15 again as a view, the query over it and the drop of the view.
        assertThat(statements).hasSize(25);
        assertThat(failures(statements)).isEmpty();
    }
}
