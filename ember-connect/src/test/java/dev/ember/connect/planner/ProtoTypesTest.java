package dev.ember.connect.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.connect.proto.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Types and literals between the protocol and the engine, and the schema texts clients send. */
class ProtoTypesTest {
    @Test
    void everyTypeSurvivesTheProtocolRoundTrip() {
        List<DataType> types = List.of(
                DataTypes.NullType,
                DataTypes.BooleanType,
                DataTypes.ByteType,
                DataTypes.ShortType,
                DataTypes.IntegerType,
                DataTypes.LongType,
                DataTypes.FloatType,
                DataTypes.DoubleType,
                new DecimalType(38, 10),
                DataTypes.StringType,
                DataTypes.BinaryType,
                DataTypes.DateType,
                DataTypes.TimestampType,
                DataTypes.TimestampNTZType,
                DataTypes.YearMonthIntervalType,
                DataTypes.DayTimeIntervalType,
                new ArrayType(DataTypes.IntegerType, false),
                new MapType(DataTypes.StringType, new ArrayType(DataTypes.DoubleType, true), true),
                new StructType(
                        new StructField("a", DataTypes.LongType, false),
                        new StructField("b c", DataTypes.StringType, true)));
        for (DataType type : types) {
            assertThat(ProtoTypes.fromProto(ProtoTypes.toProto(type)))
                    .as(type.sql())
                    .isEqualTo(type);
        }
    }

    @Test
    void schemasParseFromSparksJsonAndFromDdl() {
        String json = "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,"
                + "\"metadata\":{}},{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"elementType\":\"string\","
                + "\"containsNull\":true},\"nullable\":true,\"metadata\":{}},{\"name\":\"price\",\"type\":"
                + "\"decimal(10,2)\",\"nullable\":true,\"metadata\":{}},{\"name\":\"attrs\",\"type\":{\"type\":"
                + "\"map\",\"keyType\":\"string\",\"valueType\":\"integer\",\"valueContainsNull\":true},"
                + "\"nullable\":true,\"metadata\":{}}]}";
        StructType expected = new StructType(
                new StructField("id", DataTypes.LongType, false),
                new StructField("tags", new ArrayType(DataTypes.StringType, true), true),
                new StructField("price", new DecimalType(10, 2), true),
                new StructField("attrs", new MapType(DataTypes.StringType, DataTypes.IntegerType, true), true));
        assertThat(ProtoTypes.parseSchema(json)).isEqualTo(expected);
        assertThat(ProtoTypes.parseSchema("id bigint, name string").fieldNames())
                .containsExactly("id", "name");
        assertThat(ProtoTypes.parseSchema("int").fieldNames()).containsExactly("value");
        assertThatThrownBy(() -> ProtoTypes.parseSchema("{\"type\":\"struct\",\"fields\":[{\"type\":\"long\"}]}"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("without a name");
        assertThatThrownBy(() -> ProtoTypes.parseSchema("{not json"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("neither DDL nor JSON");
    }

    @Test
    @SuppressWarnings("unchecked")
    void literalsArriveInTheEnginesInternalForm() {
        Literal decimal = Literals.toLiteral(Expression.Literal.newBuilder()
                .setDecimal(Expression.Literal.Decimal.newBuilder().setValue("12.50"))
                .build());
        assertThat(decimal.value()).isEqualTo(new BigDecimal("12.50"));
        assertThat(decimal.dataType()).isEqualTo(new DecimalType(4, 2));
        Literal date = Literals.toLiteral(
                Expression.Literal.newBuilder().setDate(19_000).build());
        assertThat(date.value()).isEqualTo(19_000);
        assertThat(date.dataType()).isEqualTo(DataTypes.DateType);
        Literal array = Literals.toLiteral(Expression.Literal.newBuilder()
                .setArray(Expression.Literal.Array.newBuilder()
                        .addElements(Expression.Literal.newBuilder().setLong(1))
                        .addElements(Expression.Literal.newBuilder()
                                .setNull(dev.ember.connect.proto.DataType.newBuilder()
                                        .setLong(dev.ember.connect.proto.DataType.Long.getDefaultInstance()))))
                .build());
        assertThat(array.dataType()).isEqualTo(new ArrayType(DataTypes.LongType, true));
        assertThat((List<Object>) array.value()).containsExactly(1L, null);
        assertThatThrownBy(() -> Literals.toLiteral(Expression.Literal.newBuilder()
                        .setDecimal(Expression.Literal.Decimal.newBuilder().setValue("twelve"))
                        .build()))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> Literals.toLiteral(Expression.Literal.getDefaultInstance()))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("without a value");
    }
}
