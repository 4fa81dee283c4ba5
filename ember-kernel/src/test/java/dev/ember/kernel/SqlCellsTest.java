package dev.ember.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SqlCellsTest {
    @Test
    void aSqlCellIsTheLinesAfterItsMagic() {
        assertThat(SqlCells.sqlOf("%%sql\nSELECT 1;\nSELECT 2")).isEqualTo("\nSELECT 1;\nSELECT 2\n");
        assertThat(SqlCells.sqlOf("\n  %%sql  \nSELECT 1")).isEqualTo("\n\nSELECT 1\n");
        assertThat(SqlCells.sqlOf("int x = 1;\n%%sql")).isNull();
        assertThat(SqlCells.sqlOf("%%sqlx\nSELECT 1")).isNull();
        assertThat(SqlCells.callFor("SELECT '\"'")).startsWith("dev.ember.kernel.SqlCells.run(spark, \"");
    }

    @Test
    void theTableIsCappedAndEscaped() {
        List<Row> rows =
                IntStream.range(0, 4).mapToObj(i -> Row.of(i, "<" + i + ">")).toList();
        String html = DatasetRenderer.html(List.of("n", "s&t"), rows, 3, ZoneOffset.UTC);
        assertThat(html)
                .contains("<th>n</th><th>s&amp;t</th>", "<td>2</td><td>&lt;2&gt;</td>", "only showing top 3 rows")
                .doesNotContain("<td>3</td>");
        assertThat(DatasetRenderer.html(List.of("n"), rows.subList(0, 2), 3, ZoneOffset.UTC))
                .doesNotContain("only showing");
    }

    @Test
    void statementsRunWithTheSessionAndDatasetsRender() {
        try (EmberContext context =
                new EmberContext(new EmberConf().setMaster("local[1]").setAppName("sql-cells"))) {
            EmberSession session = EmberSession.of(context);
            String sql = "CREATE TEMPORARY VIEW t AS SELECT 1 AS a; SELECT a + 1 AS b FROM t";
            Dataset<Row> last =
                    SqlCells.run(session, Base64.getEncoder().encodeToString(sql.getBytes(StandardCharsets.UTF_8)));
            assertThat(last.collectAsList()).containsExactly(Row.of(2));
            String command = "CREATE TEMPORARY VIEW u AS SELECT 1 AS a";
            assertThat(SqlCells.run(
                            session, Base64.getEncoder().encodeToString(command.getBytes(StandardCharsets.UTF_8))))
                    .isNull();
            Map<String, String> bundle = new DatasetRenderer().render(last, 100);
            assertThat(bundle.get("text/html")).contains("<th>b</th>", "<td>2</td>");
            assertThat(bundle.get("text/plain")).contains("|  b|", "|  2|");
            assertThat(new DatasetRenderer().render(List.of(1), 100)).isEmpty();
        }
    }
}
