package dev.ember.connect.it;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.connect.ConnectServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java UDFs registered by Spark's client by class name: the class, compiled while the test runs and never on the
 * server's class path, arrives in a jar the client uploads with {@code addArtifact}; {@code registerJava} makes it a
 * function of that session only, callable from SQL and from {@code call_function}.
 */
class JavaUdfTest {
    private static ConnectServerFixture fixture;
    private static ConnectServer server;

    @BeforeAll
    static void start() {
        fixture = new ConnectServerFixture();
        server = fixture.server(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
        fixture.close();
    }

    static final String SOURCE =
            """
            package gen;

            import org.apache.spark.sql.api.java.UDF2;

            /** Repeats a string: a UDF of the client's own. */
            public class Repeat implements UDF2<String, Integer, String> {
                @Override
                public String call(String text, Integer times) {
                    if (times < 0) {
                        throw new IllegalArgumentException("cannot repeat " + times + " times");
                    }
                    return text.repeat(times);
                }
            }
            """;

    @Test
    void aJavaUdfFromAnUploadedJarRunsInItsSessionOnly(@TempDir Path dir) throws Exception {
        Path jar = GeneratedJobs.jar(dir, "Repeat", SOURCE);
        try (SparkSession spark = ConnectServerFixture.client(server);
                SparkSession other = ConnectServerFixture.client(server)) {
            spark.addArtifact(jar.toString());
            spark.udf().registerJava("repeat_it", "gen.Repeat", DataTypes.StringType);

            assertThat(spark.sql("SELECT repeat_it('ab', 3)").first().getString(0))
                    .isEqualTo("ababab");
            List<Row> rows = spark.range(4)
                    .selectExpr("cast(id AS int) AS n")
                    .select(call_function("repeat_it", org.apache.spark.sql.functions.lit("x"), col("n")))
                    .collectAsList();
            assertThat(rows).extracting(row -> row.getString(0)).containsExactly("", "x", "xx", "xxx");

            assertThatThrownBy(() -> spark.sql("SELECT repeat_it('a', -1)").collectAsList())
                    .hasMessageContaining("cannot repeat -1 times");
            assertThatThrownBy(() -> other.sql("SELECT repeat_it('a', 2)").collectAsList())
                    .isInstanceOf(AnalysisException.class)
                    .hasMessageContaining("repeat_it");
        }
    }

    @Test
    void aClassTheSessionNeverUploadedIsNamedInTheError() {
        try (SparkSession spark = ConnectServerFixture.client(server)) {
            assertThatThrownBy(() -> spark.udf().registerJava("nope", "gen.NotThere", DataTypes.StringType))
                    .hasMessageContaining("gen.NotThere")
                    .hasMessageContaining("addArtifact");
            assertThatThrownBy(() -> spark.udf().registerJava("nope", "java.lang.String", DataTypes.StringType))
                    .hasMessageContaining("implements none of org.apache.spark.sql.api.java.UDF0");
        }
    }
}
