package dev.ember.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.Row;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlOutputTest {
    private static String write(SqlOutput.Format format, List<String> columns, Row... rows) {
        StringWriter out = new StringWriter();
        new SqlOutput(format, ZoneOffset.UTC).write(columns, Arrays.asList(rows), out);
        return out.toString();
    }

    @Test
    void tableIsDrawnAsShowDrawsIt() {
        String table = write(SqlOutput.Format.TABLE, List.of("id", "name"), Row.of(1, "alice"), Row.of(22, null));
        assertThat(table)
                .isEqualTo("+---+-----+\n" + "|id |name |\n" + "+---+-----+\n" + "|1  |alice|\n" + "|22 |NULL |\n"
                        + "+---+-----+\n");
        // Control characters cannot break the table's lines.
        assertThat(write(SqlOutput.Format.TABLE, List.of("s"), Row.of("a\nb"))).contains("|a\\u000ab|");
        assertThat(write(SqlOutput.Format.TABLE, List.of("x"))).isEqualTo("+---+\n|x  |\n+---+\n+---+\n");
    }

    @Test
    void aCommandWithoutColumnsPrintsNothing() {
        for (SqlOutput.Format format : SqlOutput.Format.values()) {
            assertThat(write(format, List.of())).isEmpty();
        }
    }

    @Test
    void csvQuotesWhatNeedsIt() {
        String csv = write(
                SqlOutput.Format.CSV,
                List.of("a", "b,c"),
                Row.of("plain", "with,comma"),
                Row.of("say \"hi\"", "two\nlines"),
                Row.of(null, ""),
                Row.of(" padded", 1.5));
        assertThat(csv)
                .isEqualTo("a,\"b,c\"\n" + "plain,\"with,comma\"\n" + "\"say \"\"hi\"\"\",\"two\nlines\"\n" + ",\"\"\n"
                        + "\" padded\",1.5\n");
    }

    @Test
    void tsvEscapesTabsLineEndsAndBackslashes() {
        String tsv = write(SqlOutput.Format.TSV, List.of("a", "b"), Row.of("x\ty", "1\\2\n3"), Row.of(null, 7));
        assertThat(tsv).isEqualTo("a\tb\n" + "x\\ty\t1\\\\2\\n3\n" + "NULL\t7\n");
    }

    @Test
    void jsonKeepsTypes() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("k", 1);
        String json = write(
                SqlOutput.Format.JSON,
                List.of("i", "l", "d", "dec", "b", "s", "n", "arr", "m", "date", "ts", "bin", "nan"),
                Row.of(
                        1,
                        2L,
                        0.5,
                        new BigDecimal("12.30"),
                        true,
                        "q\"\n",
                        null,
                        List.of(1, 2),
                        map,
                        Date.valueOf(LocalDate.of(2024, 2, 29)),
                        Timestamp.from(Instant.parse("2024-01-02T03:04:05.123456Z")),
                        new byte[] {1, 2, 3},
                        Double.NaN));
        assertThat(json)
                .isEqualTo("{\"i\":1,\"l\":2,\"d\":0.5,\"dec\":12.30,\"b\":true,\"s\":\"q\\\"\\n\",\"n\":null,"
                        + "\"arr\":[1,2],\"m\":{\"k\":1},\"date\":\"2024-02-29\","
                        + "\"ts\":\"2024-01-02T03:04:05.123456Z\",\"bin\":\"AQID\",\"nan\":\"NaN\"}\n");
        assertThat(write(SqlOutput.Format.JSON, List.of("x"), Row.of(1), Row.of(2)))
                .isEqualTo("{\"x\":1}\n{\"x\":2}\n");
    }

    @Test
    void valuesAsText() {
        SqlOutput output = new SqlOutput(SqlOutput.Format.TABLE, ZoneOffset.UTC);
        assertThat(output.text(Timestamp.from(Instant.parse("2024-01-02T03:04:05.120Z"))))
                .isEqualTo("2024-01-02 03:04:05.12");
        assertThat(output.text(new byte[] {(byte) 0xAB, 1})).isEqualTo("[AB 01]");
        assertThat(output.text(List.of(1, 2))).isEqualTo("[1, 2]");
        assertThat(output.text(Map.of("a", 1))).isEqualTo("{a -> 1}");
        assertThat(output.text(new BigDecimal("1E+3"))).isEqualTo("1000");
    }

    @Test
    void formatsByName() {
        assertThat(SqlOutput.Format.parse("CSV")).isEqualTo(SqlOutput.Format.CSV);
        assertThat(SqlOutput.Format.parse("json")).isEqualTo(SqlOutput.Format.JSON);
        assertThatThrownBy(() -> SqlOutput.Format.parse("xml")).hasMessageContaining("table, csv, tsv or json");
    }
}
