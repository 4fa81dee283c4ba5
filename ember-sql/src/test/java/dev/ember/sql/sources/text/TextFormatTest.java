package dev.ember.sql.sources.text;

import static dev.ember.sql.sources.SourceTesting.options;
import static dev.ember.sql.sources.SourceTesting.read;
import static dev.ember.sql.sources.SourceTesting.readInSplits;
import static dev.ember.sql.sources.SourceTesting.row;
import static dev.ember.sql.sources.SourceTesting.rows;
import static dev.ember.sql.sources.SourceTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.sources.SourceTesting;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFormatTest {
    private final TextFormat text = new TextFormat();
    private final StructType schema = TextFormat.SCHEMA;

    @TempDir
    Path dir;

    @Test
    void readsLinesKeepingEmptyOnes() throws IOException {
        Path file = write(dir.resolve("a.txt"), "first\n\nthird ü\r\nlast");
        assertThat(text.inferSchema(List.of(file), options()).simpleString()).isEqualTo("struct<value:string>");
        assertThat(read(text, file, schema, options()))
                .isEqualTo(rows(row("first"), row(""), row("third ü"), row("last")));
    }

    @Test
    void lineSeparatorAndWholeText() throws IOException {
        Path file = write(dir.resolve("a.txt"), "a;b\nc;;d");
        assertThat(read(text, file, schema, options("lineSep", ";")))
                .isEqualTo(rows(row("a"), row("b\nc"), row(""), row("d")));
        SourceOptions whole = options("wholetext", "true");
        assertThat(text.isSplittable(whole)).isFalse();
        assertThat(readInSplits(text, file, schema, whole, 2)).isEqualTo(rows(row("a;b\nc;;d")));
    }

    @Test
    void tinySplitsReadEveryLineOnce() throws IOException {
        StringBuilder content = new StringBuilder();
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String line = "line " + i + " " + "ж".repeat(i % 5);
            content.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
            expected.add(List.of(line));
        }
        Path file = write(dir.resolve("a.txt"), content.toString());
        for (long size : new long[] {1, 7, 33}) {
            assertThat(readInSplits(text, file, schema, options(), size)).isEqualTo(expected);
        }
        assertThat(read(text, SourceTesting.whole(file), schema, new StructType(), options()))
                .hasSize(100);
    }

    @Test
    void writesOneLinePerRow() throws IOException {
        Path file = dir.resolve("out" + text.extension(options()));
        List<Object[]> rows = List.of(row("a"), row((Object) null), row("ü b"), row("c"));
        SourceTesting.writeRows(text, file, schema, options(), rows);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("a\n\nü b\nc\n");
        Path latin = dir.resolve("latin.txt");
        SourceTesting.writeRows(text, latin, schema, options("encoding", "ISO-8859-1", "lineSep", "|"), rows);
        assertThat(Files.readAllBytes(latin)).isEqualTo("a||\u00fc b|c|".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(read(text, latin, schema, options("encoding", "ISO-8859-1", "lineSep", "|")))
                .isEqualTo(rows(row("a"), row(""), row("ü b"), row("c")));
    }

    @Test
    void writerNeedsOneStringColumn() {
        StructType two = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType);
        assertThatThrownBy(() -> text.writer(dir.resolve("x.txt"), two, options()))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("single string column");
        StructType number = new StructType().add("a", DataTypes.IntegerType);
        assertThatThrownBy(() -> text.writer(dir.resolve("y.txt"), number, options()))
                .isInstanceOf(EmberException.class);
        assertThat(Files.exists(dir.resolve("x.txt"))).isFalse();
    }
}
