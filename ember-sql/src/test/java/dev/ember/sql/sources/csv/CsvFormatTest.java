package dev.ember.sql.sources.csv;

import static dev.ember.sql.sources.SourceTesting.options;
import static dev.ember.sql.sources.SourceTesting.read;
import static dev.ember.sql.sources.SourceTesting.readInSplits;
import static dev.ember.sql.sources.SourceTesting.row;
import static dev.ember.sql.sources.SourceTesting.rows;
import static dev.ember.sql.sources.SourceTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.sources.SourceTesting;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFormatTest {
    private final CsvFormat csv = new CsvFormat();

    @TempDir
    Path dir;

    private static int days(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    private static long micros(String utcDateTime) {
        java.time.Instant instant = LocalDateTime.parse(utcDateTime).toInstant(ZoneOffset.UTC);
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    private StructType infer(Path file, SourceOptions options) throws IOException {
        return csv.inferSchema(List.of(file), options);
    }

    @Test
    void readsWithoutHeaderAsStrings() throws IOException {
        Path file = write(dir.resolve("a.csv"), "1,x,2.5\n2,y,\n");
        StructType schema = infer(file, options());
        assertThat(schema.fieldNames()).containsExactly("_c0", "_c1", "_c2");
        assertThat(schema.fields()).allMatch(f -> f.dataType().equals(DataTypes.StringType));
        assertThat(read(csv, file, schema, options())).isEqualTo(rows(row("1", "x", "2.5"), row("2", "y", null)));
    }

    @Test
    void readsHeaderAndInfersTypes() throws IOException {
        Path file = write(
                dir.resolve("a.csv"),
                "i,l,d,b,day,ts,s,n\n"
                        + "1,3000000000,1.5,true,2024-01-02,2024-01-02 03:04:05,x,\n"
                        + "2,4,2,FALSE,2024-02-29,2024-01-02T03:04:05.5Z,7,\n");
        SourceOptions options = options("header", "true", "inferSchema", "true");
        StructType schema = infer(file, options);
        assertThat(schema.simpleString())
                .isEqualTo("struct<i:int,l:bigint,d:double,b:boolean,day:date,ts:timestamp,s:string,n:string>");
        assertThat(read(csv, file, schema, options))
                .isEqualTo(rows(
                        row(1, 3000000000L, 1.5, true, days("2024-01-02"), micros("2024-01-02T03:04:05"), "x", null),
                        row(2, 4L, 2.0, false, days("2024-02-29"), micros("2024-01-02T03:04:05.5"), "7", null)));
    }

    @Test
    void infersDecimalsWhenPreferredAndForHugeIntegers() throws IOException {
        Path file = write(dir.resolve("a.csv"), "1.25,123456789012345678901\n10.5,1\n");
        StructType doubles = infer(file, options("inferSchema", "true"));
        assertThat(doubles.simpleString()).isEqualTo("struct<_c0:double,_c1:decimal(21,0)>");
        StructType decimals = infer(file, options("inferSchema", "true", "prefersDecimal", "true"));
        assertThat(decimals.simpleString()).isEqualTo("struct<_c0:decimal(4,2),_c1:decimal(21,0)>");
        assertThat(read(csv, file, decimals, options()))
                .isEqualTo(rows(
                        row(new BigDecimal("1.25"), new BigDecimal("123456789012345678901")),
                        row(new BigDecimal("10.50"), new BigDecimal("1"))));
    }

    @Test
    void mergesTypesAcrossRowsAndIgnoresNulls() throws IOException {
        Path file = write(dir.resolve("a.csv"), "1,1,2024-01-01,,a\n2.5,x,2024-01-01 10:00:00,,1\n,3,,,\n");
        StructType schema = infer(file, options("inferSchema", "true"));
        assertThat(schema.simpleString())
                .isEqualTo("struct<_c0:double,_c1:string,_c2:timestamp,_c3:string,_c4:string>");
        StructType noDates = infer(
                write(dir.resolve("b.csv"), "2024-01-01\n"), options("inferSchema", "true", "preferDate", "false"));
        assertThat(noDates.field(0).dataType()).isEqualTo(DataTypes.TimestampType);
    }

    @Test
    void deduplicatesHeaderNames() throws IOException {
        Path file = write(dir.resolve("a.csv"), "a,A,,b\n1,2,3,4\n");
        assertThat(infer(file, options("header", "true")).fieldNames()).containsExactly("a0", "A1", "_c2", "b");
    }

    @Test
    void readsQuotedFieldsWithEscapesAndDoubledQuotes() throws IOException {
        Path file = write(
                dir.resolve("a.csv"),
                "\"a,b\",\"he said \"\"hi\"\"\",\"x\\\"y\",\"\",plain\"quote\n\"c:\\\\dir\",2,3,4,5\n");
        StructType schema = infer(file, options());
        assertThat(read(csv, file, schema, options()))
                .isEqualTo(rows(
                        row("a,b", "he said \"hi\"", "x\"y", null, "plain\"quote"),
                        row("c:\\dir", "2", "3", "4", "5")));
        // With a nullValue other than the empty string, a quoted empty field is an empty string.
        assertThat(read(csv, file, schema, options("nullValue", "NULL")).get(0).get(3))
                .isEqualTo("");
        assertThat(read(csv, file, schema, options("emptyValue", "EMPTY"))
                        .get(0)
                        .get(3))
                .isEqualTo("EMPTY");
    }

    @Test
    void separatorsQuotesEscapesAndComments() throws IOException {
        Path semicolons = write(dir.resolve("a.csv"), "# a comment\n'x;y';b\n#another\nc;'it''s'\n");
        StructType two = new StructType().add("p", DataTypes.StringType).add("q", DataTypes.StringType);
        assertThat(read(csv, semicolons, two, options("sep", ";", "quote", "'", "comment", "#")))
                .isEqualTo(rows(row("x;y", "b"), row("c", "it's")));
        Path multi = write(dir.resolve("b.csv"), "a||b\n||c\n");
        assertThat(read(csv, multi, two, options("delimiter", "||"))).isEqualTo(rows(row("a", "b"), row(null, "c")));
        Path tabs = write(dir.resolve("c.csv"), "a\t\"b\tc\"\n");
        assertThat(read(csv, tabs, two, options("sep", "\\t"))).isEqualTo(rows(row("a", "b\tc")));
        Path escaped = write(dir.resolve("d.csv"), "\"a|\"b\",c\n");
        assertThat(read(csv, escaped, two, options("escape", "|"))).isEqualTo(rows(row("a\"b", "c")));
        Path noQuotes = write(dir.resolve("e.csv"), "\"a,b\"\n");
        assertThat(read(csv, noQuotes, two, options("quote", ""))).isEqualTo(rows(row("\"a", "b\"")));
    }

    @Test
    void nullNanAndInfinityValues() throws IOException {
        Path file = write(dir.resolve("a.csv"), "NA,1.5,x\n2,NaN,NA\n3,Inf,y\n4,-Inf,z\n5,nan!,w\n");
        StructType schema = new StructType()
                .add("i", DataTypes.IntegerType)
                .add("d", DataTypes.DoubleType)
                .add("s", DataTypes.StringType);
        assertThat(read(csv, file, schema, options("nullValue", "NA")))
                .isEqualTo(rows(
                        row(null, 1.5, "x"),
                        row(2, Double.NaN, null),
                        row(3, Double.POSITIVE_INFINITY, "y"),
                        row(4, Double.NEGATIVE_INFINITY, "z"),
                        row(5, null, "w")));
        assertThat(read(
                        csv,
                        file,
                        schema,
                        options("nullValue", "NA", "nanValue", "nan!", "positiveInf", "+inf", "mode", "DROPMALFORMED")))
                .extracting(r -> r.get(0))
                .containsExactly(null, 2, 4, 5);
    }

    @Test
    void dateAndTimestampFormats() throws IOException {
        Path file = write(dir.resolve("a.csv"), "02/01/2024,2024.01.02 03.04,2024-01-02 03:04:05+01:00\n");
        StructType schema = new StructType()
                .add("d", DataTypes.DateType)
                .add("t", DataTypes.TimestampType)
                .add("u", DataTypes.TimestampType);
        SourceOptions options = options("dateFormat", "dd/MM/yyyy", "timestampFormat", "yyyy.MM.dd HH.mm");
        List<List<Object>> read = read(csv, file, schema, options);
        assertThat(read.get(0).get(0)).isEqualTo(days("2024-01-02"));
        assertThat(read.get(0).get(1)).isEqualTo(micros("2024-01-02T03:04:00"));
        // With a timestampFormat set, other spellings do not parse.
        assertThat(read.get(0).get(2)).isNull();
        List<List<Object>> flexible = read(csv, file, schema, options("timeZone", "Europe/Paris"));
        assertThat(flexible.get(0).get(0)).isNull();
        assertThat(flexible.get(0).get(2)).isEqualTo(micros("2024-01-02T02:04:05"));
        StructType inferred = infer(file, options("inferSchema", "true", "dateFormat", "dd/MM/yyyy"));
        assertThat(inferred.field(0).dataType()).isEqualTo(DataTypes.DateType);
    }

    @Test
    void whiteSpaceOptions() throws IOException {
        Path file = write(dir.resolve("a.csv"), "  a  , \"b\" ,c\n");
        StructType schema = infer(file, options());
        assertThat(read(csv, file, schema, options())).isEqualTo(rows(row("  a  ", " \"b\" ", "c")));
        assertThat(read(
                        csv,
                        file,
                        schema,
                        options("ignoreLeadingWhiteSpace", "true", "ignoreTrailingWhiteSpace", "true")))
                .isEqualTo(rows(row("a", "b", "c")));
        assertThat(read(csv, file, schema, options("ignoreLeadingWhiteSpace", "true")))
                .isEqualTo(rows(row("a  ", "b ", "c")));
    }

    @Test
    void lineSeparatorAndBlankLines() throws IOException {
        Path file = write(dir.resolve("a.csv"), "a,1|b,2||c,3|");
        StructType schema = new StructType().add("s", DataTypes.StringType).add("i", DataTypes.IntegerType);
        assertThat(read(csv, file, schema, options("lineSep", "|")))
                .isEqualTo(rows(row("a", 1), row("b", 2), row("c", 3)));
        Path crlf = write(dir.resolve("b.csv"), "a,1\r\n\r\nb,2\rc,3");
        assertThat(read(csv, crlf, schema, options())).isEqualTo(rows(row("a", 1), row("b", 2), row("c", 3)));
    }

    @Test
    void encodingOption() throws IOException {
        Path file = dir.resolve("latin.csv");
        Files.write(file, "caf\u00e9,\u00fc\n".getBytes(StandardCharsets.ISO_8859_1));
        StructType schema = infer(file, options("encoding", "ISO-8859-1"));
        assertThat(read(csv, file, schema, options("encoding", "ISO-8859-1")))
                .isEqualTo(rows(row("caf\u00e9", "\u00fc")));
        assertThat(read(csv, file, schema, options()).get(0).get(0)).isNotEqualTo("caf\u00e9");
        assertThatThrownBy(() -> read(csv, file, schema, options("charset", "UTF-16")))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("UTF-16");
    }

    // ---------------------------------------------------------------- modes

    private static final StructType TYPED = new StructType()
            .add("a", DataTypes.IntegerType)
            .add("b", DataTypes.DoubleType)
            .add("_corrupt_record", DataTypes.StringType);

    private Path malformed() throws IOException {
        return write(dir.resolve("bad.csv"), "a,b\n1,2.5\nx,3\n4\n5,6,7\n8,9\n");
    }

    @Test
    void permissiveKeepsEveryRowWithTheRawRecord() throws IOException {
        Path file = malformed();
        assertThat(read(csv, file, TYPED, options("header", "true")))
                .isEqualTo(rows(
                        row(1, 2.5, null),
                        row(null, 3.0, "x,3"),
                        row(4, null, "4"),
                        row(5, 6.0, "5,6,7"),
                        row(8, 9.0, null)));
        StructType noCorrupt = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.DoubleType);
        assertThat(read(csv, file, noCorrupt, options("header", "true"))).hasSize(5);
    }

    @Test
    void customCorruptColumnAndPruning() throws IOException {
        Path file = malformed();
        StructType data = new StructType()
                .add("a", DataTypes.IntegerType)
                .add("bad", DataTypes.StringType)
                .add("b", DataTypes.DoubleType);
        StructType required = new StructType().add("bad", DataTypes.StringType).add("b", DataTypes.DoubleType);
        SourceOptions options = options("header", "true", "columnNameOfCorruptRecord", "bad");
        List<List<Object>> read = read(csv, SourceTesting.whole(file), data, required, options);
        // The bad value of the pruned column a still marks the record, since the corrupt column is read.
        assertThat(read)
                .isEqualTo(rows(row(null, 2.5), row("x,3", 3.0), row("4", null), row("5,6,7", 6.0), row(null, 9.0)));
    }

    @Test
    void dropMalformedDropsBadRows() throws IOException {
        assertThat(read(csv, malformed(), TYPED, options("header", "true", "mode", "dropmalformed")))
                .isEqualTo(rows(row(1, 2.5, null), row(8, 9.0, null)));
    }

    @Test
    void failFastNamesFileAndLine() throws IOException {
        Path file = malformed();
        assertThatThrownBy(() -> read(csv, file, TYPED, options("header", "true", "mode", "FAILFAST")))
                .isInstanceOf(EmberException.class)
                .satisfies(e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.MALFORMED_RECORD))
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("'x'")
                .hasMessageContaining("int");
        // In a split that does not start the file, the line number still counts from the file's start.
        long length = Files.size(file);
        FileSplit late = new FileSplit(file.toString(), 13, length - 13, length, List.of());
        assertThatThrownBy(() -> read(csv, late, TYPED, TYPED, options("header", "true", "mode", "FAILFAST")))
                .hasMessageContaining("line 4")
                .hasMessageContaining("1 field");
    }

    @Test
    void badModeIsRejected() throws IOException {
        Path file = malformed();
        assertThatThrownBy(() -> read(csv, file, TYPED, options("mode", "lenient")))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("PERMISSIVE");
    }

    @Test
    void enforceSchemaFalseChecksTheHeader() throws IOException {
        Path file = write(dir.resolve("a.csv"), "x,y\n1,2\n");
        StructType schema = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.IntegerType);
        assertThat(read(csv, file, schema, options("header", "true"))).isEqualTo(rows(row(1, 2)));
        assertThatThrownBy(() -> read(csv, file, schema, options("header", "true", "enforceSchema", "false")))
                .hasMessageContaining("x, y")
                .hasMessageContaining(file.toString());
    }

    // ---------------------------------------------------------------- splits

    @Test
    void tinySplitsReadEveryRecordOnce() throws IOException {
        StringBuilder text = new StringBuilder("id,name,note\n");
        for (int i = 0; i < 300; i++) {
            text.append(i).append(',').append("n").append("x".repeat(i % 17)).append(',');
            text.append(i % 5 == 0 ? "\"q,\"\"" + i + "\"" : "").append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 50 == 0) {
                text.append('\n');
            }
        }
        Path file = write(dir.resolve("big.csv"), text.toString());
        SourceOptions options = options("header", "true", "inferSchema", "true");
        StructType schema = infer(file, options);
        List<List<Object>> whole = read(csv, file, schema, options);
        assertThat(whole).hasSize(300);
        assertThat(whole.get(5)).isEqualTo(List.of(5, "nxxxxx", "q,\"5"));
        for (long size : new long[] {1, 2, 7, 13, 64}) {
            assertThat(readInSplits(csv, file, schema, options, size))
                    .as("splits of %d bytes", size)
                    .isEqualTo(whole);
        }
    }

    @Test
    void splitStartingExactlyAtALineStartReadsThatLine() throws IOException {
        Path file = write(dir.resolve("a.csv"), "aa\nbb\ncc\n");
        StructType schema = new StructType().add("v", DataTypes.StringType);
        FileSplit first = new FileSplit(file.toString(), 0, 3, 9, List.of());
        FileSplit second = new FileSplit(file.toString(), 3, 3, 9, List.of());
        FileSplit third = new FileSplit(file.toString(), 6, 3, 9, List.of());
        assertThat(read(csv, first, schema, schema, options())).isEqualTo(rows(row("aa")));
        assertThat(read(csv, second, schema, schema, options())).isEqualTo(rows(row("bb")));
        assertThat(read(csv, third, schema, schema, options())).isEqualTo(rows(row("cc")));
    }

    @Test
    void multiLineQuotedFields() throws IOException {
        Path file = write(dir.resolve("a.csv"), "id,text\n1,\"line one\nline two\"\n2,\"a\r\n\r\nb\"\n3,plain\n");
        SourceOptions options = options("header", "true", "multiLine", "true");
        assertThat(csv.isSplittable(options)).isFalse();
        StructType schema = infer(file, options);
        assertThat(schema.fieldNames()).containsExactly("id", "text");
        List<List<Object>> expected = rows(row("1", "line one\nline two"), row("2", "a\r\n\r\nb"), row("3", "plain"));
        assertThat(read(csv, file, schema, options)).isEqualTo(expected);
        assertThat(readInSplits(csv, file, schema, options, 5)).isEqualTo(expected);
        // Line by line, the same file has records that end inside their quotes.
        assertThat(read(csv, file, schema, options("header", "true"))).hasSizeGreaterThan(3);
    }

    @Test
    void largeFilesComeInBatchesOfAtMostDefaultRows() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            text.append(i).append('\n');
        }
        Path file = write(dir.resolve("n.csv"), text.toString());
        StructType schema = new StructType().add("n", DataTypes.LongType);
        List<List<Object>> read = read(csv, file, schema, options());
        assertThat(read).hasSize(10_000);
        assertThat(read.get(9_999)).isEqualTo(List.of(9_999L));
        // An empty required schema still gives the row count.
        assertThat(read(csv, SourceTesting.whole(file), schema, new StructType(), options()))
                .hasSize(10_000);
    }

    // ---------------------------------------------------------------- writing

    private static final StructType ALL = new StructType()
            .add("i", DataTypes.IntegerType)
            .add("l", DataTypes.LongType)
            .add("d", DataTypes.DoubleType)
            .add("f", DataTypes.FloatType)
            .add("b", DataTypes.BooleanType)
            .add("m", DataTypes.createDecimalType(12, 3))
            .add("day", DataTypes.DateType)
            .add("ts", DataTypes.TimestampType)
            .add("s", DataTypes.StringType);

    private static List<Object[]> allRows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(
                1,
                2L,
                1.5,
                2.5f,
                true,
                new BigDecimal("123.450"),
                days("2024-01-02"),
                micros("2024-01-02T03:04:05.123456"),
                "plain"));
        rows.add(row(null, null, null, null, null, null, null, null, null));
        rows.add(row(-7, Long.MIN_VALUE, 1e300, -0.5f, false, new BigDecimal("-0.001"), 0, 0L, "a,b \"q\" \\"));
        rows.add(row(0, 0L, Double.NaN, 1f, true, BigDecimal.ZERO.setScale(3), -1, -1L, " lead and trail "));
        rows.add(row(3, 3L, Double.POSITIVE_INFINITY, 3f, false, new BigDecimal("1.000"), 1, 1L, "multi\nline\r\n"));
        rows.add(row(4, 4L, 4.0, 4f, true, new BigDecimal("4.000"), 4, 4L, "ends with backslash\\"));
        return rows;
    }

    @Test
    void writeThenReadGivesTheSameRows() throws IOException {
        Path file = dir.resolve("out" + csv.extension(options()));
        SourceTesting.writeRows(csv, file, ALL, options("header", "true"), allRows());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("i,l,d,f,b,m,day,ts,s\n");
        assertThat(text).contains("2024-01-02T03:04:05.123456Z");
        assertThat(text).contains("\"a,b \\\"q\\\" \\\\\"");
        SourceOptions read = options("header", "true", "multiLine", "true");
        assertThat(read(csv, file, ALL, read))
                .isEqualTo(SourceTesting.rows(allRows().toArray(new Object[0][])));
    }

    @Test
    void writerOptions() throws IOException {
        StructType schema = new StructType()
                .add("s", DataTypes.StringType)
                .add("d", DataTypes.DateType)
                .add("n", DataTypes.IntegerType);
        List<Object[]> rows = List.of(row("", days("2024-03-04"), null), row("x;y", null, 5));
        Path file = dir.resolve("out.csv.gz");
        SourceOptions options =
                options("sep", ";", "nullValue", "NULL", "dateFormat", "dd.MM.yyyy", "compression", "gzip");
        assertThat(csv.extension(options)).isEqualTo(".csv.gz");
        SourceTesting.writeRows(csv, file, schema, options, rows);
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text).isEqualTo("\"\";04.03.2024;NULL\n\"x;y\";NULL;5\n");
        assertThat(read(csv, file, schema, options))
                .isEqualTo(rows(row("", days("2024-03-04"), null), row("x;y", null, 5)));
        Path quoted = dir.resolve("all.csv");
        SourceTesting.writeRows(csv, quoted, schema, options("quoteAll", "true"), rows);
        assertThat(Files.readString(quoted, StandardCharsets.UTF_8)).isEqualTo("\"\",\"2024-03-04\",\n\"x;y\",,5\n");
    }

    @Test
    void quoteCharOfTheWriter() throws IOException {
        StructType schema = new StructType().add("s", DataTypes.StringType).add("t", DataTypes.StringType);
        Path file = dir.resolve("q.csv");
        SourceOptions options = options("quote", "'", "escape", "'");
        SourceTesting.writeRows(csv, file, schema, options, List.of(row("it's", "a,b"), row("x", "y")));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("'it''s','a,b'\nx,y\n");
        assertThat(read(csv, file, schema, options)).isEqualTo(rows(row("it's", "a,b"), row("x", "y")));
    }

    @Test
    void complexTypesAreRefused() {
        StructType schema = new StructType().add("a", DataTypes.createArrayType(DataTypes.IntegerType));
        assertThatThrownBy(() -> csv.writer(dir.resolve("x.csv"), schema, options()))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("array<int>");
    }
}
