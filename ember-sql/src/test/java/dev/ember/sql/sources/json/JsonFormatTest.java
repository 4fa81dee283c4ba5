package dev.ember.sql.sources.json;

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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFormatTest {
    private final JsonFormat json = new JsonFormat();

    @TempDir
    Path dir;

    private StructType infer(Path file, SourceOptions options) throws IOException {
        return json.inferSchema(List.of(file), options);
    }

    private static long micros(String utcDateTime) {
        java.time.Instant instant = LocalDateTime.parse(utcDateTime).toInstant(ZoneOffset.UTC);
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    @Test
    void infersAndMergesTypesLikeSpark() throws IOException {
        Path file = write(
                dir.resolve("a.json"),
                "{\"b\": 1, \"a\": \"x\", \"n\": 1, \"mixed\": {\"k\": 1}, \"arr\": [1, 2]}\n"
                        + "\n"
                        + "{\"b\": 2.5, \"flag\": true, \"n\": null, \"mixed\": 3, \"arr\": [1.5, null]}\n"
                        + "{\"s\": {\"z\": 1, \"y\": [\"q\"]}, \"big\": 123456789012345678901234}\n"
                        + "{\"s\": {\"x\": true, \"z\": 2}, \"e\": [], \"nul\": null}\n");
        StructType schema = infer(file, options());
        assertThat(schema.simpleString())
                .isEqualTo(
                        "struct<a:string,arr:array<double>,b:double,big:decimal(24,0),e:array<string>,"
                                + "flag:boolean,mixed:string,n:bigint,nul:string,s:struct<x:boolean,y:array<string>,z:bigint>>");
        assertThat(infer(file, options("primitivesAsString", "true")).apply("b").dataType())
                .isEqualTo(DataTypes.StringType);
        assertThat(infer(file, options("dropFieldIfAllNull", "true")).fieldNames())
                .doesNotContain("nul", "e");
        assertThat(infer(file, options("prefersDecimal", "true")).apply("b").dataType())
                .isEqualTo(DataTypes.createDecimalType(21, 1));
    }

    @Test
    void readsNestedTypes() throws IOException {
        Path file = write(
                dir.resolve("a.json"),
                "{\"id\": 1, \"s\": {\"y\": [\"q\", null], \"z\": 7}, \"m\": {\"k\": 1, \"j\": null}, \"t\": [{\"v\": 1}]}\n"
                        + "{\"id\": \"2\", \"s\": null, \"extra\": {\"deep\": [1, 2]}}\n");
        StructType inner =
                new StructType().add("z", DataTypes.LongType).add("y", DataTypes.createArrayType(DataTypes.StringType));
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType)
                .add("s", inner)
                .add("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
                .add("t", DataTypes.createArrayType(new StructType().add("v", DataTypes.DoubleType)))
                .add("missing", DataTypes.StringType);
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("k", 1L);
        map.put("j", null);
        List<List<Object>> read = read(json, file, schema, options());
        assertThat(read)
                .isEqualTo(rows(
                        row(
                                1,
                                row(7L, java.util.Arrays.asList("q", null)),
                                map,
                                java.util.Collections.singletonList(row(1.0)),
                                null),
                        row(2, null, null, null, null)));
        assertThat(((List<?>) read.get(0).get(1)).get(1)).isInstanceOf(List.class);
        // Pruning: only the columns asked for, in their order.
        StructType required =
                new StructType().add("m", schema.apply("m").dataType()).add("id", DataTypes.IntegerType);
        assertThat(read(json, SourceTesting.whole(file), schema, required, options()))
                .isEqualTo(rows(row(map, 1), row(null, 2)));
    }

    @Test
    void convertsScalarsToTheRequestedTypes() throws IOException {
        Path file = write(
                dir.resolve("a.json"),
                "{\"s\": 12, \"o\": {\"a\": [1, {\"b\": true}]}, \"d\": \"2.5\", \"dec\": 1.005, \"day\": \"2024-01-02\","
                        + " \"ts\": \"2024-01-02T03:04:05Z\", \"sec\": 60, \"f\": \"NaN\", \"bin\": \"AAEC\"}\n");
        StructType schema = new StructType()
                .add("s", DataTypes.StringType)
                .add("o", DataTypes.StringType)
                .add("d", DataTypes.DoubleType)
                .add("dec", DataTypes.createDecimalType(5, 2))
                .add("day", DataTypes.DateType)
                .add("ts", DataTypes.TimestampType)
                .add("sec", DataTypes.TimestampType)
                .add("f", DataTypes.FloatType);
        assertThat(read(json, file, schema, options()))
                .isEqualTo(rows(row(
                        "12",
                        "{\"a\":[1,{\"b\":true}]}",
                        2.5,
                        new BigDecimal("1.01"),
                        (int) LocalDate.parse("2024-01-02").toEpochDay(),
                        micros("2024-01-02T03:04:05"),
                        60_000_000L,
                        Float.NaN)));
        StructType binary = new StructType().add("bin", DataTypes.BinaryType);
        List<List<Object>> bytes =
                read(json, SourceTesting.whole(file), schema.add("bin", DataTypes.BinaryType), binary, options());
        assertThat((byte[]) bytes.get(0).get(0)).containsExactly(0, 1, 2);
    }

    @Test
    void datesAndTimestampsWithFormats() throws IOException {
        Path file = write(dir.resolve("a.json"), "{\"d\": \"02/01/2024\", \"t\": \"02/01/2024 10:30\"}\n");
        StructType schema = new StructType().add("d", DataTypes.DateType).add("t", DataTypes.TimestampType);
        SourceOptions options =
                options("dateFormat", "dd/MM/yyyy", "timestampFormat", "dd/MM/yyyy HH:mm", "timeZone", "+02:00");
        assertThat(read(json, file, schema, options))
                .isEqualTo(rows(row((int) LocalDate.parse("2024-01-02").toEpochDay(), micros("2024-01-02T08:30:00"))));
        assertThat(infer(file, options("inferTimestamp", "true", "timestampFormat", "dd/MM/yyyy HH:mm"))
                        .apply("t")
                        .dataType())
                .isEqualTo(DataTypes.TimestampType);
    }

    // ---------------------------------------------------------------- modes

    private Path malformed() throws IOException {
        return write(
                dir.resolve("bad.json"),
                "{\"a\": 1, \"b\": \"x\"}\n{\"a\": \"oops\", \"b\": \"y\"}\n{not json\n[1, 2]\n{\"a\": {\"deep\": [1]}, \"b\": \"z\"}\n{\"a\": 5}\n");
    }

    @Test
    void permissiveKeepsRowsAndTheCorruptRecord() throws IOException {
        Path file = malformed();
        StructType inferred = infer(file, options());
        assertThat(inferred.fieldNames()).containsExactly("_corrupt_record", "a", "b");
        StructType schema = new StructType()
                .add("a", DataTypes.LongType)
                .add("b", DataTypes.StringType)
                .add("_corrupt_record", DataTypes.StringType);
        assertThat(read(json, file, schema, options()))
                .isEqualTo(rows(
                        row(1L, "x", null),
                        row(null, "y", "{\"a\": \"oops\", \"b\": \"y\"}"),
                        row(null, null, "{not json"),
                        row(null, null, "[1, 2]"),
                        row(null, "z", "{\"a\": {\"deep\": [1]}, \"b\": \"z\"}"),
                        row(5L, null, null)));
    }

    @Test
    void dropMalformedAndFailFast() throws IOException {
        Path file = malformed();
        StructType schema = new StructType().add("a", DataTypes.LongType).add("b", DataTypes.StringType);
        assertThat(read(json, file, schema, options("mode", "DROPMALFORMED")))
                .isEqualTo(rows(row(1L, "x"), row(5L, null)));
        assertThat(infer(file, options("mode", "DROPMALFORMED")).fieldNames()).containsExactly("a", "b");
        assertThatThrownBy(() -> read(json, file, schema, options("mode", "FAILFAST")))
                .isInstanceOf(EmberException.class)
                .satisfies(e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.MALFORMED_RECORD))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 2")
                .hasMessageContaining("oops");
        long length = Files.size(file);
        FileSplit late = new FileSplit(file.toString(), 40, length - 40, length, List.of());
        assertThatThrownBy(() -> read(json, late, schema, schema, options("mode", "FAILFAST")))
                .hasMessageContaining("line 3")
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> infer(file, options("mode", "FAILFAST")))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("line 3");
    }

    // ---------------------------------------------------------------- splits and multiLine

    @Test
    void tinySplitsReadEveryRecordOnce() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            text.append("{\"i\": ")
                    .append(i)
                    .append(", \"s\": \"")
                    .append("é".repeat(i % 7))
                    .append("\"}");
            text.append(i % 4 == 0 ? "\r\n" : "\n");
            if (i % 40 == 0) {
                text.append("   \n");
            }
        }
        Path file = write(dir.resolve("big.json"), text.toString());
        StructType schema = infer(file, options());
        assertThat(schema.simpleString()).isEqualTo("struct<i:bigint,s:string>");
        List<List<Object>> whole = read(json, file, schema, options());
        assertThat(whole).hasSize(250);
        assertThat(whole.get(3)).isEqualTo(List.of(3L, "ééé"));
        for (long size : new long[] {1, 7, 20, 1000}) {
            assertThat(readInSplits(json, file, schema, options(), size))
                    .as("splits of %d", size)
                    .isEqualTo(whole);
        }
    }

    @Test
    void multiLineObjectsAndArrays() throws IOException {
        Path array = write(dir.resolve("a.json"), "[\n  {\"a\": 1,\n   \"b\": \"x\\ny\"},\n  {\"a\": 2}\n]\n");
        Path object = write(dir.resolve("b.json"), "{\n \"a\": 3\n}\n");
        SourceOptions options = options("multiLine", "true");
        assertThat(json.isSplittable(options)).isFalse();
        StructType schema = json.inferSchema(List.of(array, object), options);
        assertThat(schema.simpleString()).isEqualTo("struct<a:bigint,b:string>");
        assertThat(read(json, array, schema, options)).isEqualTo(rows(row(1L, "x\ny"), row(2L, null)));
        assertThat(readInSplits(json, object, schema, options, 3)).isEqualTo(rows(row(3L, null)));
        // Line by line, the same files are corrupt.
        assertThat(infer(array, options()).fieldNames()).contains("_corrupt_record");
    }

    @Test
    void jacksonLeniencyOptions() throws IOException {
        Path file = write(dir.resolve("a.json"), "{'a': 1, /* c */ b: 2}\n");
        StructType schema = new StructType()
                .add("a", DataTypes.LongType)
                .add("b", DataTypes.LongType)
                .add("_corrupt_record", DataTypes.StringType);
        assertThat(read(json, file, schema, options("allowComments", "true", "allowUnquotedFieldNames", "true")))
                .isEqualTo(rows(row(1L, 2L, null)));
        assertThat(read(json, file, schema, options()).get(0).get(2)).isEqualTo("{'a': 1, /* c */ b: 2}");
    }

    // ---------------------------------------------------------------- writing

    @Test
    void writeThenReadGivesTheSameRows() throws IOException {
        StructType inner = new StructType().add("x", DataTypes.IntegerType).add("y", DataTypes.StringType);
        StructType schema = new StructType()
                .add("id", DataTypes.LongType)
                .add("d", DataTypes.DoubleType)
                .add("m", DataTypes.createDecimalType(20, 4))
                .add("day", DataTypes.DateType)
                .add("ts", DataTypes.TimestampType)
                .add("s", DataTypes.StringType)
                .add("arr", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("st", inner)
                .add("mp", DataTypes.createMapType(DataTypes.StringType, inner))
                .add("b", DataTypes.BooleanType);
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("k1", row(1, "v"));
        map.put("k2", null);
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(
                1L,
                1.5,
                new BigDecimal("12345678901234.5678"),
                19_000,
                micros("2022-01-02T03:04:05.000006"),
                "quote \" and \n newline",
                java.util.Arrays.asList(1, null, 3),
                row(5, null),
                map,
                true));
        rows.add(row(2L, Double.NaN, null, null, null, null, null, null, null, null));
        rows.add(row(3L, -0.0, BigDecimal.ZERO.setScale(4), -5, -1L, "", List.of(), row(null, "y"), Map.of(), false));
        Path file = dir.resolve("out.json");
        SourceTesting.writeRows(json, file, schema, options(), rows);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text.lines().toList()).hasSize(3);
        assertThat(text.lines().toList().get(1)).isEqualTo("{\"id\":2,\"d\":\"NaN\"}");
        assertThat(text).contains("\"m\":12345678901234.5678").contains("\"ts\":\"2022-01-02T03:04:05.000006Z\"");
        assertThat(read(json, file, schema, options())).isEqualTo(SourceTesting.rows(rows.toArray(new Object[0][])));
        Path withNulls = dir.resolve("nulls.json.gz");
        SourceTesting.writeRows(
                json, withNulls, schema, options("ignoreNullFields", "false", "compression", "gzip"), rows);
        assertThat(read(json, withNulls, schema, options()))
                .isEqualTo(SourceTesting.rows(rows.toArray(new Object[0][])));
    }
}
