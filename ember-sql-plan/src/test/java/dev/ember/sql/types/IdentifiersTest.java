package dev.ember.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.parser.SqlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Names made into SQL text parse back to themselves, reserved words included. */
class IdentifiersTest {
    @Test
    void theReservedWordsAreTheGrammarsKeywordsOutsideNonReserved() throws IOException {
        Path grammar = Path.of("src/main/antlr4/dev/ember/sql/parser");
        String lexer = Files.readString(grammar.resolve("EmberSqlLexer.g4"));
        String parser = Files.readString(grammar.resolve("EmberSqlParser.g4"));
        Set<String> keywords = new TreeSet<>();
        Matcher token =
                Pattern.compile("(?m)^([A-Z_]+)\\s*:\\s*'([A-Z_]+)'\\s*;").matcher(lexer);
        while (token.find()) {
            keywords.add(token.group(2));
        }
        Matcher nonReserved = Pattern.compile("(?s)\\nnonReserved\\s*:(.*?);").matcher(parser);
        assertThat(nonReserved.find()).isTrue();
        Matcher word = Pattern.compile("[A-Z_]+").matcher(nonReserved.group(1));
        while (word.find()) {
            keywords.remove(word.group());
        }
        assertThat(new TreeSet<>(Identifiers.RESERVED)).isEqualTo(keywords);
    }

    @Test
    void aSchemaWithReservedAndOddNamesSurvivesDdl() {
        StructType schema = new StructType()
                .add("order", DataTypes.IntegerType)
                .add("from", new StructType().add("select", DataTypes.StringType))
                .add("a b`c", DataTypes.LongType)
                .add("plain", DataTypes.DateType);
        assertThat(schema.toDDL()).startsWith("`order` INT, `from` STRUCT<`select`: STRING>, `a b``c` BIGINT, plain");
        assertThat(SqlParser.get().parseTableSchema(schema.toDDL())).isEqualTo(schema);
        assertThatThrownBy(() -> SqlParser.get().parseTableSchema("order INT")).isNotNull();
    }
}
