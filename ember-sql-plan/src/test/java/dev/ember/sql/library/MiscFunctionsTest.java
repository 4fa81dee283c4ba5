package dev.ember.sql.library;

import static dev.ember.sql.library.F.call;
import static dev.ember.sql.library.F.dec;
import static dev.ember.sql.library.F.eval;
import static dev.ember.sql.library.F.nul;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Murmur3Hash;
import dev.ember.sql.types.DataTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiscFunctionsTest {
    @Test
    void typeofNamesTheType() {
        assertThat(eval("typeof", 1)).isEqualTo("int");
        assertThat(eval("typeof", dec("1.50"))).isEqualTo("decimal(3,2)");
        assertThat(eval("typeof", call("array", 1L))).isEqualTo("array<bigint>");
        assertThat(eval("typeof", nul(DataTypes.StringType))).isEqualTo("string");
    }

    @Test
    void murmurHashMatchesTheReferenceVectors() {
        // Known values of MurmurHash3 x86_32 for bytes.
        assertThat(Murmur3Hash.hashBytes(new byte[0], 0)).isEqualTo(0);
        assertThat(Murmur3Hash.hashBytes(new byte[0], 1)).isEqualTo(0x514E28B7);
        assertThat(Murmur3Hash.hashBytes("hello".getBytes(StandardCharsets.UTF_8), 0))
                .isEqualTo(0x248BFA47);
        assertThat(Murmur3Hash.hashBytes(
                        "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8), 0))
                .isEqualTo(0x2E4FF723);
    }

    @Test
    void hashIsStableAndTypeAware() {
        Object h1 = eval("hash", "Spark", call("array", 123), 2);
        Object h2 = eval("hash", "Spark", call("array", 123), 2);
        assertThat(h1).isEqualTo(h2).isInstanceOf(Integer.class);
        assertThat(eval("hash", "a")).isNotEqualTo(eval("hash", "b"));
        assertThat(eval("hash", 0.0)).isEqualTo(eval("hash", -0.0));
        assertThat(eval("hash", nul(DataTypes.IntegerType))).isEqualTo(42);
        assertThat(eval("hash", 1)).isEqualTo(Murmur3Hash.hashInt(1, 42));
        assertThat(eval("hash", 1L)).isEqualTo(Murmur3Hash.hashLong(1L, 42));
        assertThat(eval("hash", dec("1.50"))).isEqualTo(eval("hash", dec("1.50")));
    }

    @Test
    void sessionFacts() {
        assertThat(eval("current_database")).isEqualTo("default");
        assertThat(eval("current_schema")).isEqualTo("default");
        assertThat(eval("version")).isEqualTo(MiscFunctions.VERSION);
    }

    @Test
    void everyFunctionHasAUsageLineNamingIt() {
        List<String> names = F.REGISTRY.names();
        assertThat(names).hasSizeGreaterThan(250);
        for (String name : names) {
            FunctionInfo info = F.REGISTRY.lookup(name).orElseThrow();
            assertThat(info.usage())
                    .as(name)
                    .startsWith(name + "(")
                    .doesNotContain("_FUNC_")
                    .doesNotContain("\n");
        }
        assertThat(BuiltinFunctions.registry()).isNotSameAs(BuiltinFunctions.registry());
    }

    @Test
    void boundCallsSurviveSerialization() throws IOException, ClassNotFoundException {
        List<Expression> calls = List.of(
                call("rlike", "abc", "b+"),
                call("like", "abc", "a%"),
                call("date_format", F.ts("2016-04-08T10:05:03"), "yyyy"),
                call("upper", "x"),
                call("round", 2.5),
                call("sqrt", 4),
                call("hash", "x"),
                call("array_contains", call("array", 1, 2), 2L),
                call("rand", 7));
        for (Expression expression : calls) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(expression);
            }
            Expression copy;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (Expression) in.readObject();
            }
            if (expression.deterministic()) {
                assertThat(copy.eval(InternalRow.EMPTY))
                        .as(expression.sql())
                        .isEqualTo(expression.eval(InternalRow.EMPTY));
            } else {
                assertThat(copy.eval(InternalRow.EMPTY)).isNotNull();
            }
        }
    }
}
