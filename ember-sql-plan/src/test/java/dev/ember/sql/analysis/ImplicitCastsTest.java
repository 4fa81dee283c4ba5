package dev.ember.sql.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImplicitCastsTest {
    private static Optional<DataType> cast(DataType from, DataType to) {
        return ImplicitCasts.implicitCast(from, to);
    }

    private static Optional<DataType> wider(DataType a, DataType b) {
        return ImplicitCasts.widerType(a, b);
    }

    @Test
    void numbersWidenButNeverNarrow() {
        assertThat(cast(DataTypes.ByteType, DataTypes.IntegerType)).contains(DataTypes.IntegerType);
        assertThat(cast(DataTypes.IntegerType, DataTypes.LongType)).contains(DataTypes.LongType);
        assertThat(cast(DataTypes.LongType, DataTypes.DoubleType)).contains(DataTypes.DoubleType);
        assertThat(cast(DataTypes.LongType, DataTypes.IntegerType)).isEmpty();
        assertThat(cast(DataTypes.DoubleType, DataTypes.FloatType)).isEmpty();
        assertThat(cast(DataTypes.DoubleType, DataTypes.LongType)).isEmpty();
        assertThat(cast(DataTypes.IntegerType, new DecimalType(10, 0))).contains(new DecimalType(10, 0));
        assertThat(cast(DataTypes.IntegerType, new DecimalType(12, 2))).contains(new DecimalType(12, 2));
        assertThat(cast(DataTypes.IntegerType, new DecimalType(9, 0))).isEmpty();
        assertThat(cast(DataTypes.LongType, new DecimalType(20, 0))).isPresent();
        assertThat(cast(new DecimalType(5, 2), new DecimalType(7, 3))).isPresent();
        assertThat(cast(new DecimalType(5, 2), new DecimalType(5, 3))).isEmpty();
        assertThat(cast(new DecimalType(5, 2), DataTypes.DoubleType)).contains(DataTypes.DoubleType);
        assertThat(cast(new DecimalType(5, 2), DataTypes.LongType)).isEmpty();
        assertThat(cast(DataTypes.DoubleType, new DecimalType(38, 18))).isEmpty();
    }

    @Test
    void stringsDatesAndNulls() {
        for (DataType target : List.of(
                DataTypes.IntegerType,
                DataTypes.DoubleType,
                new DecimalType(10, 2),
                DataTypes.DateType,
                DataTypes.TimestampType,
                DataTypes.BooleanType,
                DataTypes.BinaryType)) {
            assertThat(cast(DataTypes.StringType, target)).contains(target);
        }
        assertThat(cast(DataTypes.StringType, new ArrayType(DataTypes.IntegerType, true)))
                .isEmpty();
        assertThat(cast(DataTypes.IntegerType, DataTypes.StringType)).contains(DataTypes.StringType);
        assertThat(cast(new ArrayType(DataTypes.IntegerType, true), DataTypes.StringType))
                .isEmpty();
        assertThat(cast(DataTypes.DateType, DataTypes.TimestampType)).contains(DataTypes.TimestampType);
        assertThat(cast(DataTypes.TimestampType, DataTypes.DateType)).contains(DataTypes.DateType);
        assertThat(cast(DataTypes.DateType, DataTypes.IntegerType)).isEmpty();
        assertThat(cast(DataTypes.BooleanType, DataTypes.IntegerType)).isEmpty();
        assertThat(cast(DataTypes.NullType, new MapType(DataTypes.StringType, DataTypes.IntegerType, true)))
                .isPresent();
        assertThat(cast(new ArrayType(DataTypes.IntegerType, false), new ArrayType(DataTypes.LongType, true)))
                .contains(new ArrayType(DataTypes.LongType, true));
        assertThat(cast(new ArrayType(DataTypes.LongType, false), new ArrayType(DataTypes.IntegerType, true)))
                .isEmpty();
    }

    @Test
    void widerTypes() {
        assertThat(wider(DataTypes.IntegerType, DataTypes.LongType)).contains(DataTypes.LongType);
        assertThat(wider(DataTypes.ShortType, DataTypes.ByteType)).contains(DataTypes.ShortType);
        assertThat(wider(DataTypes.FloatType, DataTypes.LongType)).contains(DataTypes.FloatType);
        assertThat(wider(DataTypes.NullType, DataTypes.DateType)).contains(DataTypes.DateType);
        assertThat(wider(DataTypes.DateType, DataTypes.NullType)).contains(DataTypes.DateType);
        assertThat(wider(new DecimalType(5, 2), new DecimalType(10, 0))).contains(new DecimalType(12, 2));
        assertThat(wider(DataTypes.IntegerType, new DecimalType(3, 2))).contains(new DecimalType(12, 2));
        assertThat(wider(new DecimalType(38, 0), new DecimalType(38, 10))).contains(new DecimalType(38, 10));
        assertThat(wider(new DecimalType(5, 2), DataTypes.DoubleType)).contains(DataTypes.DoubleType);
        assertThat(wider(DataTypes.StringType, DataTypes.IntegerType)).contains(DataTypes.LongType);
        assertThat(wider(DataTypes.StringType, new DecimalType(5, 2))).contains(DataTypes.DoubleType);
        assertThat(wider(DataTypes.StringType, DataTypes.DateType)).contains(DataTypes.DateType);
        assertThat(wider(DataTypes.TimestampType, DataTypes.StringType)).contains(DataTypes.TimestampType);
        assertThat(wider(DataTypes.DateType, DataTypes.TimestampType)).contains(DataTypes.TimestampType);
        assertThat(wider(DataTypes.DateType, DataTypes.TimestampNTZType)).contains(DataTypes.TimestampNTZType);
        assertThat(wider(DataTypes.BooleanType, DataTypes.IntegerType)).isEmpty();
        assertThat(wider(DataTypes.DateType, DataTypes.IntegerType)).isEmpty();
        assertThat(wider(new ArrayType(DataTypes.IntegerType, false), new ArrayType(DataTypes.DoubleType, true)))
                .contains(new ArrayType(DataTypes.DoubleType, true));
        assertThat(wider(
                        new MapType(DataTypes.StringType, DataTypes.IntegerType, false),
                        new MapType(DataTypes.StringType, DataTypes.LongType, false)))
                .contains(new MapType(DataTypes.StringType, DataTypes.LongType, false));
        StructType a = new StructType().add("x", DataTypes.IntegerType);
        StructType b = new StructType().add("X", DataTypes.LongType);
        assertThat(wider(a, b)).contains(new StructType().add("x", DataTypes.LongType));
        assertThat(wider(a, new StructType().add("y", DataTypes.LongType))).isEmpty();
        assertThat(ImplicitCasts.widerType(List.of(DataTypes.NullType, DataTypes.ByteType, DataTypes.IntegerType)))
                .contains(DataTypes.IntegerType);
        assertThat(ImplicitCasts.widerType(List.of(DataTypes.IntegerType, DataTypes.BinaryType)))
                .isEmpty();
    }

    @Test
    void castIfNeeded() {
        Expression one = Literal.of(1);
        assertThat(ImplicitCasts.castIfNeeded(one, DataTypes.IntegerType, "UTC"))
                .isSameAs(one);
        Expression widened = ImplicitCasts.castIfNeeded(one, DataTypes.LongType, "UTC");
        assertThat(widened).isEqualTo(Cast.implicit(one, DataTypes.LongType, "UTC"));
        assertThat(((Cast) widened).implicit())
                .as("an inserted cast is marked, so names leave it out")
                .isTrue();
        assertThat(widened.eval(InternalRow.EMPTY)).isEqualTo(1L);
        Expression ints = new Literal(new ArrayList<>(List.of(1, 2)), new ArrayType(DataTypes.IntegerType, false));
        assertThat(ImplicitCasts.castIfNeeded(ints, new ArrayType(DataTypes.IntegerType, true), "UTC"))
                .isSameAs(ints);
        Expression longs = ImplicitCasts.castIfNeeded(ints, new ArrayType(DataTypes.LongType, true), "UTC");
        assertThat(longs.dataType()).isEqualTo(new ArrayType(DataTypes.LongType, true));
        assertThat(longs.eval(InternalRow.EMPTY)).isEqualTo(List.of(1L, 2L));
        Expression text = ImplicitCasts.castIfNeeded(Literal.of("2024-02-29"), DataTypes.DateType, "UTC");
        assertThat(text.eval(InternalRow.EMPTY)).isEqualTo(19782);
    }
}
