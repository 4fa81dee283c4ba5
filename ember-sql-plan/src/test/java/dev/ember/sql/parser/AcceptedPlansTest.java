package dev.ember.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.plans.logical.LogicalPlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every statement the grammar accepts ({@code parser/accepted.sql}, the TPC-H queries) builds a plan, except
 * the few listed here, which fail with the error class and message given.
 */
class AcceptedPlansTest {
    /** Statement -> expected error class and the start of its message. */
    private static final Map<String, String> NOT_BUILT = new LinkedHashMap<>();

    static {
        NOT_BUILT.put(
                "SELECT sum(x) WITHIN GROUP (ORDER BY x) FROM t",
                "UNSUPPORTED_FEATURE: WITHIN GROUP (ORDER BY ...) of sum");
        NOT_BUILT.put(
                "SELECT my_function(a => 1, b => 'x') FROM t",
                "UNSUPPORTED_FEATURE: The named argument a => of my_function");
        NOT_BUILT.put(
                "SELECT a, row_number() OVER (PARTITION BY a ORDER BY b) AS rn FROM t QUALIFY rn = 1",
                "UNSUPPORTED_FEATURE: QUALIFY");
        NOT_BUILT.put("SELECT a, sum(c) FROM t GROUP BY ALL", "UNSUPPORTED_FEATURE: GROUP BY ALL");
        NOT_BUILT.put("SELECT a FROM t DISTRIBUTE BY a SORT BY b", "UNSUPPORTED_FEATURE: DISTRIBUTE BY");
        NOT_BUILT.put("SELECT a FROM t CLUSTER BY a", "UNSUPPORTED_FEATURE: CLUSTER BY");
        NOT_BUILT.put("EXPLAIN LOGICAL SELECT 1", "UNSUPPORTED_FEATURE: EXPLAIN LOGICAL");
        // Forty digits do not fit a DECIMAL (at most 38), as in Spark.
        NOT_BUILT.put(
                "SELECT 9223372036854775807L, 32767S, 127Y, 1234567890123456789012345678901234567890BD",
                "PARSE_SYNTAX_ERROR: The numeric literal 1234567890123456789012345678901234567890BD needs more than");
    }

    private final SqlParser parser = new SqlParser();

    private List<String> failures(List<String> statements) {
        List<String> failures = new ArrayList<>();
        for (String sql : statements) {
            String expected = NOT_BUILT.get(sql);
            try {
                LogicalPlan plan = parser.parsePlan(sql);
                assertThat(plan).isNotNull();
                if (expected != null) {
                    failures.add(sql + "\n  -> built, but expected " + expected);
                }
            } catch (EmberException e) {
                String actual = e.errorClass() + ": " + e.detail();
                if (expected == null || !actual.startsWith(expected)) {
                    failures.add(sql + "\n  -> " + actual);
                }
            }
        }
        return failures;
    }

    @Test
    void everyAcceptedStatementBuildsAPlan() throws IOException {
        List<String> statements = AcceptedStatementsTest.entries("/parser/accepted.sql");
        assertThat(statements).containsAll(NOT_BUILT.keySet());
        assertThat(failures(statements)).isEmpty();
    }

    @Test
    void theTpchQueriesBuildPlans() throws IOException {
        List<String> statements = AcceptedStatementsTest.tpch();
        assertThat(statements).hasSize(25);
        assertThat(failures(statements)).isEmpty();
    }

    @Test
    void unsupportedConstructsAreReportedAsSuch() {
        long unsupported = NOT_BUILT.values().stream()
                .filter(v -> v.startsWith(ErrorClass.UNSUPPORTED_FEATURE.name()))
                .count();
        assertThat(unsupported).isEqualTo(NOT_BUILT.size() - 1);
    }
}
