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
 * Every statement of {@code parser/accepted.sql} (entries separated by lines holding only {@code ;}) parses, among
 * them the 22 TPC-H queries in {@code parser/tpch.sql}.
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
        List<String> statements = entries("/parser/tpch.sql");
        // Q15 is a view, the query over it and the drop of the view.
        assertThat(statements).hasSize(24);
        assertThat(failures(statements)).isEmpty();
    }
}
