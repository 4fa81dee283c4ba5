package dev.ember.sql.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.csv.CsvFormat;
import dev.ember.sql.sources.json.JsonFormat;
import dev.ember.sql.sources.text.TextFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class FormatRegistryTest {
    @Test
    void looksUpFormatsByNameIgnoringCase() {
        assertThat(FormatRegistry.lookup("csv")).isInstanceOf(CsvFormat.class);
        assertThat(FormatRegistry.lookup("JSON")).isInstanceOf(JsonFormat.class);
        assertThat(FormatRegistry.lookup(" Text ")).isInstanceOf(TextFormat.class);
        assertThat(FormatRegistry.lookup("csv").name()).isEqualTo("csv");
        assertThat(FormatRegistry.lookup("json").name()).isEqualTo("json");
        assertThat(FormatRegistry.lookup("text").name()).isEqualTo("text");
    }

    @Test
    void unknownFormatListsTheKnownOnes() {
        assertThatThrownBy(() -> FormatRegistry.lookup("avro"))
                .isInstanceOf(EmberException.class)
                .satisfies(e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE))
                .hasMessageContaining("avro")
                .hasMessageContaining("csv, json, parquet, text");
    }

    @Test
    void reflectiveLookupFailsClearly() {
        assertThatThrownBy(() -> FormatRegistry.byClassName("dev.ember.sql.sources.nothing.Missing", "parquet"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("dev.ember.sql.sources.nothing.Missing")
                .hasMessageContaining("not on the class path");
        assertThatThrownBy(() -> FormatRegistry.byClassName("java.lang.String", "parquet"))
                .hasMessageContaining("is not a");
        assertThat(FormatRegistry.byClassName(CsvFormat.class.getName(), "csv")).isInstanceOf(CsvFormat.class);
    }

    @Test
    void formatsAreSerializable() throws IOException {
        for (String name : new String[] {"csv", "json", "text"}) {
            try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
                out.writeObject(FormatRegistry.lookup(name));
            }
        }
    }
}
