package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.explode;
import static dev.ember.sql.functions.explode_outer;
import static dev.ember.sql.functions.posexplode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GenerateTest {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session = EmberSession.builder().master("local[2]").appName("generate").getOrCreate();
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType)
                .add("arr", new ArrayType(DataTypes.IntegerType, true))
                .add("m", new MapType(DataTypes.StringType, DataTypes.IntegerType, true));
        Map<String, Integer> two = new LinkedHashMap<>();
        two.put("b", 2);
        two.put("c", 3);
        session.createDataFrame(
                        List.of(
                                RowFactory.create(1, List.of(1, 2), Map.of("a", 1)),
                                RowFactory.create(2, List.of(), Map.of()),
                                RowFactory.create(3, null, null),
                                RowFactory.create(4, Arrays.asList(5, null), two)),
                        schema)
                .createOrReplaceTempView("nested");
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    private static List<String> rows(Dataset<Row> dataset) {
        return dataset.collectAsList().stream().map(Row::toString).toList();
    }

    private static List<String> sql(String query) {
        return rows(session.sql(query));
    }

    @Test
    void explodeArraysInTheSelectList() {
        Dataset<Row> exploded = session.sql("SELECT id, explode(arr) AS x FROM nested ORDER BY id, x");
        assertThat(exploded.columns()).containsExactly("id", "x");
        assertThat(rows(exploded)).containsExactly("[1,1]", "[1,2]", "[4,null]", "[4,5]");
        assertThat(session.sql("SELECT explode(arr) FROM nested").columns()).containsExactly("col");
        assertThat(sql("SELECT id, posexplode(arr) FROM nested ORDER BY id, pos"))
                .containsExactly("[1,0,1]", "[1,1,2]", "[4,0,5]", "[4,1,null]");
    }

    @Test
    void explodeMaps() {
        Dataset<Row> entries = session.sql("SELECT id, explode(m) FROM nested ORDER BY id, key");
        assertThat(entries.columns()).containsExactly("id", "key", "value");
        assertThat(rows(entries)).containsExactly("[1,a,1]", "[4,b,2]", "[4,c,3]");
        assertThat(sql("SELECT id, explode_outer(m) FROM nested ORDER BY id, key"))
                .containsExactly("[1,a,1]", "[2,null,null]", "[3,null,null]", "[4,b,2]", "[4,c,3]");
        assertThat(sql("SELECT posexplode(m) FROM nested WHERE id = 4 ORDER BY pos"))
                .containsExactly("[0,b,2]", "[1,c,3]");
    }

    @Test
    void lateralViews() {
        assertThat(sql("SELECT id, x FROM nested LATERAL VIEW explode(arr) e AS x ORDER BY id, x"))
                .containsExactly("[1,1]", "[1,2]", "[4,null]", "[4,5]");
        assertThat(sql("SELECT id, x FROM nested LATERAL VIEW OUTER explode(arr) e AS x ORDER BY id, x"))
                .containsExactly("[1,1]", "[1,2]", "[2,null]", "[3,null]", "[4,null]", "[4,5]");
        assertThat(sql("SELECT id, kv.k, v FROM nested LATERAL VIEW explode(m) kv AS k, v WHERE v > 1 ORDER BY k"))
                .containsExactly("[4,b,2]", "[4,c,3]");
        // Two lateral views: every pair.
        assertThat(sql("SELECT id, x, k FROM nested LATERAL VIEW explode(arr) a AS x"
                        + " LATERAL VIEW explode(m) b AS k, v WHERE id = 4 ORDER BY x, k"))
                .containsExactly("[4,null,b]", "[4,null,c]", "[4,5,b]", "[4,5,c]");
        assertThat(sql("SELECT inline(array(named_struct('n', 1, 's', 'a'), named_struct('n', 2, 's', 'b')))"))
                .containsExactly("[1,a]", "[2,b]");
    }

    @Test
    void dataFrameGenerators() {
        Dataset<Row> nested = session.table("nested");
        assertThat(rows(nested.select(col("id"), explode(col("arr")).as("x")).orderBy("id", "x")))
                .containsExactly("[1,1]", "[1,2]", "[4,null]", "[4,5]");
        assertThat(rows(nested.select(col("id"), explode_outer(col("arr"))).orderBy("id", "col")))
                .containsExactly("[1,1]", "[1,2]", "[2,null]", "[3,null]", "[4,null]", "[4,5]");
        assertThat(rows(nested.where(col("id").equalTo(1)).select(posexplode(col("m")))))
                .containsExactly("[0,a,1]");
    }

    @Test
    void misusedGeneratorsFail() {
        assertThatThrownBy(() -> session.sql("SELECT explode(arr), explode(arr) FROM nested")
                        .collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("Only one generator");
        assertThatThrownBy(() -> session.sql("SELECT explode(id) FROM nested").collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("ARRAY or MAP");
        assertThatThrownBy(() -> session.sql("SELECT id FROM nested WHERE size(explode(arr)) > 0")
                        .collectAsList())
                .isInstanceOf(EmberException.class);
        assertThatThrownBy(() -> session.sql("SELECT id, x FROM nested LATERAL VIEW upper('a') e AS x")
                        .collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("generator");
    }
}
