package dev.ember.sql.sources;

import static dev.ember.sql.sources.SourceTesting.options;
import static dev.ember.sql.sources.SourceTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIndexTest {
    @TempDir
    Path dir;

    private List<String> names(FileIndex index) {
        List<String> names = new ArrayList<>();
        for (PartitionedFile file : index.files()) {
            names.add(dir.relativize(Path.of(file.path())).toString());
        }
        return names;
    }

    private static EmberException error(Runnable action) {
        try {
            action.run();
        } catch (EmberException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    @Test
    void listsFilesRecursivelySkippingHiddenOnes() throws IOException {
        write(dir.resolve("t/a.csv"), "1\n");
        write(dir.resolve("t/sub/b.csv"), "22\n");
        write(dir.resolve("t/_SUCCESS"), "");
        write(dir.resolve("t/.a.csv.crc"), "x");
        write(dir.resolve("t/_tmp/c.csv"), "3\n");
        write(dir.resolve("t/.hidden/d.csv"), "4\n");
        FileIndex index = FileIndex.of(List.of(dir.resolve("t").toString()));
        assertThat(names(index)).containsExactly("t/a.csv", "t/sub/b.csv");
        assertThat(index.files().get(1).length()).isEqualTo(3);
        assertThat(index.partitionSchema().size()).isZero();
        assertThat(Path.of(index.files().get(0).path()).isAbsolute()).isTrue();
        // As in Spark, a k=v directory is data even when its name starts with '_'.
        write(dir.resolve("u/_k=1/e.csv"), "5\n");
        FileIndex underscored = FileIndex.of(List.of(dir.resolve("u").toString()));
        assertThat(names(underscored)).containsExactly("u/_k=1/e.csv");
        assertThat(underscored.partitionSchema().fieldNames()).containsExactly("_k");
        // A file given directly, and the same file twice, is listed once.
        FileIndex direct = FileIndex.of(List.of(
                dir.resolve("t/a.csv").toString(), dir.resolve("t/./a.csv").toString()));
        assertThat(names(direct)).containsExactly("t/a.csv");
    }

    @Test
    void globsMatchFilesAndDirectories() throws IOException {
        write(dir.resolve("d/x1.csv"), "1\n");
        write(dir.resolve("d/x2.csv"), "1\n");
        write(dir.resolve("d/y.json"), "1\n");
        write(dir.resolve("d/_x3.csv"), "1\n");
        write(dir.resolve("e/2024-01/a.csv"), "1\n");
        write(dir.resolve("e/2024-02/b.csv"), "1\n");
        write(dir.resolve("e/2023-12/c.csv"), "1\n");
        assertThat(names(FileIndex.of(List.of(dir + "/d/*.csv")))).containsExactly("d/x1.csv", "d/x2.csv");
        assertThat(names(FileIndex.of(List.of(dir + "/d/x[2-9].csv", dir + "/d/{y.json,nothing}"))))
                .containsExactly("d/x2.csv", "d/y.json");
        assertThat(names(FileIndex.of(List.of(dir + "/e/2024-*"))))
                .containsExactly("e/2024-01/a.csv", "e/2024-02/b.csv");
        assertThat(names(FileIndex.of(List.of(dir + "/*/2023-1?/*.csv")))).containsExactly("e/2023-12/c.csv");
        assertThat(names(FileIndex.of(List.of(dir + "/d"), options("pathGlobFilter", "*.json"), null)))
                .containsExactly("d/y.json");
    }

    @Test
    void missingPathsFail() throws IOException {
        write(dir.resolve("d/x.csv"), "1\n");
        EmberException missing = error(() -> FileIndex.of(List.of(dir + "/nope")));
        assertThat(missing.errorClass()).isEqualTo(ErrorClass.INPUT_PATH_NOT_FOUND);
        assertThat(missing.getMessage()).contains(dir + "/nope");
        EmberException glob = error(() -> FileIndex.of(List.of(dir + "/d/*.parquet")));
        assertThat(glob.errorClass()).isEqualTo(ErrorClass.INPUT_PATH_NOT_FOUND);
        assertThat(glob.getMessage()).contains("*.parquet");
        assertThat(FileIndex.of(List.of(dir.toString() + "/d"), options("pathGlobFilter", "*.txt"), null)
                        .files())
                .isEmpty();
    }

    @Test
    void discoversAndTypesPartitionColumns() throws IOException {
        write(dir.resolve("t/year=2024/day=2024-01-02/city=New%20York/n=1/p=0.5/a.csv"), "1\n");
        write(dir.resolve("t/year=2023/day=2023-12-31/city=Paris/n=3000000000/p=2/b.csv"), "1\n");
        write(dir.resolve("t/year=__HIVE_DEFAULT_PARTITION__/day=2023-12-30/city=12/n=4/p=3/c.csv"), "1\n");
        FileIndex index = FileIndex.of(List.of(dir.resolve("t").toString()));
        assertThat(index.partitionSchema().simpleString())
                .isEqualTo("struct<year:int,day:date,city:string,n:bigint,p:double>");
        assertThat(index.files()).hasSize(3);
        List<Object> values = new ArrayList<>();
        index.files().forEach(f -> values.add(f.partitionValues()));
        assertThat(values)
                .containsExactly(
                        List.of(2023, (int) LocalDate.parse("2023-12-31").toEpochDay(), "Paris", 3000000000L, 2.0),
                        List.of(2024, (int) LocalDate.parse("2024-01-02").toEpochDay(), "New York", 1L, 0.5),
                        Arrays.asList(null, (int) LocalDate.parse("2023-12-30").toEpochDay(), "12", 4L, 3.0));
        List<FileSplit> splits = FileIndex.splits(index.files(), true, 1024);
        assertThat(splits.get(2).partitionValues())
                .isEqualTo(index.files().get(2).partitionValues());
    }

    @Test
    void infersTimestampsDecimalsAndStrings() throws IOException {
        write(dir.resolve("t/ts=2024-01-02 03%3A04%3A05/big=123456789012345678901/s=abc/a.csv"), "1\n");
        write(dir.resolve("t/ts=2024-01-03 00%3A00%3A00/big=7/s=1/b.csv"), "1\n");
        FileIndex index = FileIndex.of(List.of(dir.resolve("t").toString()));
        assertThat(index.partitionSchema().simpleString()).isEqualTo("struct<ts:timestamp,big:decimal(21,0),s:string>");
        long micros = LocalDateTime.parse("2024-01-02T03:04:05")
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli()
                * 1000;
        assertThat(index.files().get(0).partitionValues())
                .containsExactly(micros, new BigDecimal("123456789012345678901"), "abc");
        FileIndex strings = FileIndex.of(
                List.of(dir.resolve("t").toString()), options("partitionColumnTypeInference", "false"), null);
        assertThat(strings.partitionSchema().simpleString()).isEqualTo("struct<ts:string,big:string,s:string>");
    }

    @Test
    void userSchemaGivesPartitionTypes() throws IOException {
        write(dir.resolve("t/k=1/a.csv"), "1\n");
        write(dir.resolve("t/k=2/b.csv"), "1\n");
        StructType user = new StructType().add("value", DataTypes.StringType).add("K", DataTypes.StringType);
        FileIndex index = FileIndex.of(List.of(dir.resolve("t").toString()), SourceOptions.empty(), user);
        assertThat(index.partitionSchema().simpleString()).isEqualTo("struct<k:string>");
        assertThat(index.files().get(0).partitionValues()).containsExactly("1");
        StructType longs = new StructType().add("k", DataTypes.LongType);
        assertThat(FileIndex.of(List.of(dir.resolve("t").toString()), SourceOptions.empty(), longs)
                        .files()
                        .get(1)
                        .partitionValues())
                .containsExactly(2L);
        StructType dates = new StructType().add("k", DataTypes.DateType);
        assertThatThrownBy(() -> FileIndex.of(List.of(dir.resolve("t").toString()), SourceOptions.empty(), dates))
                .hasMessageContaining("k=1".substring(2))
                .hasMessageContaining("date");
    }

    @Test
    void inconsistentPartitionDirectoriesFail() throws IOException {
        write(dir.resolve("t/a=1/b=2/x.csv"), "1\n");
        write(dir.resolve("t/b=2/a=1/y.csv"), "1\n");
        EmberException order = error(() -> FileIndex.of(List.of(dir.resolve("t").toString())));
        assertThat(order.getMessage()).contains("[a, b]").contains("[b, a]");
        write(dir.resolve("u/a=1/x.csv"), "1\n");
        write(dir.resolve("u/c=1/y.csv"), "1\n");
        assertThat(error(() -> FileIndex.of(List.of(dir.resolve("u").toString())))
                        .getMessage())
                .contains("[a]")
                .contains("[c]");
        write(dir.resolve("v/a=1/x.csv"), "1\n");
        write(dir.resolve("v/y.csv"), "1\n");
        assertThat(error(() -> FileIndex.of(List.of(dir.resolve("v").toString())))
                        .getMessage())
                .contains("Conflicting partition");
        // recursiveFileLookup turns discovery off.
        FileIndex flat =
                FileIndex.of(List.of(dir.resolve("t").toString()), options("recursiveFileLookup", "true"), null);
        assertThat(flat.files()).hasSize(2);
        assertThat(flat.partitionSchema().size()).isZero();
    }

    @Test
    void cutsFilesIntoSplits() {
        PartitionedFile big = new PartitionedFile("/x/big.csv", 25, List.of(1));
        PartitionedFile empty = new PartitionedFile("/x/empty.csv", 0, List.of(1));
        PartitionedFile gz = new PartitionedFile("/x/c.csv.gz", 25, List.of(2));
        List<FileSplit> splits = FileIndex.splits(List.of(big, empty, gz), true, 10);
        assertThat(splits)
                .containsExactly(
                        new FileSplit("/x/big.csv", 0, 10, 25, List.of(1)),
                        new FileSplit("/x/big.csv", 10, 10, 25, List.of(1)),
                        new FileSplit("/x/big.csv", 20, 5, 25, List.of(1)),
                        new FileSplit("/x/c.csv.gz", 0, 25, 25, List.of(2)));
        assertThat(FileIndex.splits(List.of(big), false, 10))
                .containsExactly(new FileSplit("/x/big.csv", 0, 25, 25, List.of(1)));
        assertThat(FileIndex.maxSplitBytes(SourceOptions.empty())).isEqualTo(128L << 20);
        assertThat(FileIndex.maxSplitBytes(options("maxPartitionBytes", "1000")))
                .isEqualTo(1000);
        assertThat(FileIndex.maxSplitBytes(options("maxPartitionBytes", "64m"))).isEqualTo(64L << 20);
        assertThatThrownBy(() -> FileIndex.maxSplitBytes(options("maxPartitionBytes", "lots")))
                .hasMessageContaining("maxPartitionBytes");
    }

    @Test
    void unescapesPathNames() {
        assertThat(dev.ember.sql.sources.PartitionPaths.unescape("a%3Db%2Fc%zz%2"))
                .isEqualTo("a=b/c%zz%2");
        assertThat(FileIndex.inferValue("007")).isEqualTo(DataTypes.IntegerType);
        assertThat(FileIndex.inferValue("1.5e3")).isEqualTo(DataTypes.DoubleType);
        assertThat(FileIndex.inferValue("2024-13-01")).isEqualTo(DataTypes.StringType);
    }
}
