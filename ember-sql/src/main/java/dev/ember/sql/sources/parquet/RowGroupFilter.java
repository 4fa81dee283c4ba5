package dev.ember.sql.sources.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Comparison.Op;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;

/**
 * Decides from a row group's column statistics (min, max, null count, NaN count) whether any of its rows can satisfy
 * a set of conjuncts. The answer must never be "no" for a row group holding a matching row, so everything not known
 * for sure answers "maybe": missing or empty statistics, columns that are nested or repeated, types whose statistics
 * this does not interpret (INT96, unsigned integers), literals of another type than the column, and expressions other
 * than comparisons of a column with a literal, IS [NOT] NULL, IN of literals, AND, OR and NOT.
 *
 * <p>Strings and binary compare as unsigned bytes, as Parquet orders them; decimals compare by value; timestamps of
 * milli- or nanosecond units are brought to microseconds. For floating point columns the maximum is trusted only when
 * the statistics say no value is NaN (NaN sorts above every number in SQL but is left out of Parquet's min and max).
 */
final class RowGroupFilter {
    private final MessageType fileSchema;
    private final BlockMetaData block;

    private RowGroupFilter(MessageType fileSchema, BlockMetaData block) {
        this.fileSchema = fileSchema;
        this.block = block;
    }

    /** Whether some row of {@code block} may satisfy every one of {@code conjuncts}. */
    static boolean mightMatch(MessageType fileSchema, BlockMetaData block, List<Expression> conjuncts) {
        RowGroupFilter filter = new RowGroupFilter(fileSchema, block);
        for (Expression conjunct : conjuncts) {
            if (!filter.mightMatch(conjunct)) {
                return false;
            }
        }
        return true;
    }

    private boolean mightMatch(Expression expression) {
        if (expression instanceof And and) {
            return mightMatch(and.left()) && mightMatch(and.right());
        }
        if (expression instanceof Or or) {
            return mightMatch(or.left()) || mightMatch(or.right());
        }
        if (expression instanceof Not not) {
            Expression negated = negate(not.child());
            return negated == null || mightMatch(negated);
        }
        if (expression instanceof Literal literal) {
            // A constant false or null condition matches no row.
            return !(literal.value() == null || literal.isBoolean(false));
        }
        if (expression instanceof IsNull isNull) {
            Column column = column(isNull.child());
            return column == null || column.nullCount < 0 || column.nullCount > 0;
        }
        if (expression instanceof IsNotNull isNotNull) {
            Column column = column(isNotNull.child());
            return column == null || !column.allNull();
        }
        if (expression instanceof Comparison comparison) {
            if (comparison.right() instanceof Literal literal) {
                return compare(comparison.op(), comparison.left(), literal);
            }
            if (comparison.left() instanceof Literal literal) {
                return compare(comparison.op().flipped(), comparison.right(), literal);
            }
            return true;
        }
        if (expression instanceof In in) {
            for (Expression element : in.list()) {
                if (!(element instanceof Literal)) {
                    return true;
                }
            }
            for (Expression element : in.list()) {
                if (compare(Op.EQUAL, in.value(), (Literal) element)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** NOT pushed one level down, with SQL's null semantics kept; null when it cannot be. */
    private static Expression negate(Expression expression) {
        if (expression instanceof Not not) {
            return not.child();
        }
        if (expression instanceof And and) {
            return new Or(new Not(and.left()), new Not(and.right()));
        }
        if (expression instanceof Or or) {
            return new And(new Not(or.left()), new Not(or.right()));
        }
        if (expression instanceof IsNull isNull) {
            return new IsNotNull(isNull.child());
        }
        if (expression instanceof IsNotNull isNotNull) {
            return new IsNull(isNotNull.child());
        }
        if (expression instanceof Literal literal) {
            if (literal.value() == null) {
                return literal;
            }
            return literal.isBoolean(true) ? Literal.FALSE : literal.isBoolean(false) ? Literal.TRUE : null;
        }
        if (expression instanceof Comparison comparison) {
            Op negated =
                    switch (comparison.op()) {
                        case EQUAL -> Op.NOT_EQUAL;
                        case NOT_EQUAL -> Op.EQUAL;
                        case LESS_THAN -> Op.GREATER_THAN_OR_EQUAL;
                        case LESS_THAN_OR_EQUAL -> Op.GREATER_THAN;
                        case GREATER_THAN -> Op.LESS_THAN_OR_EQUAL;
                        case GREATER_THAN_OR_EQUAL -> Op.LESS_THAN;
                        case NULL_SAFE_EQUAL -> null;
                    };
            return negated == null ? null : new Comparison(negated, comparison.left(), comparison.right());
        }
        return null;
    }

    /** Whether some row may satisfy {@code reference op literal}. */
    private boolean compare(Op op, Expression reference, Literal literal) {
        Column column = column(reference);
        if (column == null) {
            return true;
        }
        Object value = literal.value();
        if (value == null) {
            // x <=> NULL is x IS NULL; every other comparison with NULL is never true.
            return op == Op.NULL_SAFE_EQUAL && (column.nullCount < 0 || column.nullCount > 0);
        }
        if (column.allNull()) {
            return false;
        }
        if (!literal.dataType().equals(column.type) || !column.hasMinMax()) {
            return true;
        }
        boolean floating = column.type instanceof FloatType || column.type instanceof DoubleType;
        if (floating && Double.isNaN(((Number) value).doubleValue())) {
            return true;
        }
        int toMin = column.compareToMin(value);
        switch (op) {
            case EQUAL:
            case NULL_SAFE_EQUAL:
                return toMin >= 0 && (!column.maxUsable() || column.compareToMax(value) <= 0);
            case LESS_THAN:
                return toMin > 0;
            case LESS_THAN_OR_EQUAL:
                return toMin >= 0;
            case GREATER_THAN:
                return !column.maxUsable() || column.compareToMax(value) < 0;
            case GREATER_THAN_OR_EQUAL:
                return !column.maxUsable() || column.compareToMax(value) <= 0;
            case NOT_EQUAL:
                // Only a row group whose every value equals the literal has no row that differs.
                return floating
                        || column.nullCount < 0
                        || toMin != 0
                        || !column.maxUsable()
                        || column.compareToMax(value) != 0;
            default:
                return true;
        }
    }

    /** The statistics of the top-level, non-repeated primitive column {@code reference} names; null if unknown. */
    private Column column(Expression reference) {
        if (!(reference instanceof AttributeReference attribute)) {
            return null;
        }
        Type field = ParquetSchemas.findField(fileSchema, attribute.name());
        if (field == null) {
            // The file lacks the column: every row reads it as null.
            return Column.ALL_NULL;
        }
        if (!field.isPrimitive() || field.isRepetition(Repetition.REPEATED)) {
            return null;
        }
        DataType type;
        try {
            type = ParquetSchemas.typeOf(field);
        } catch (RuntimeException unsupported) {
            return null;
        }
        if (!type.equals(attribute.dataType())) {
            return null;
        }
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (chunk.getPath().size() == 1 && chunk.getPath().toArray()[0].equals(field.getName())) {
                return new Column(field.asPrimitiveType(), type, chunk.getStatistics(), block.getRowCount());
            }
        }
        return null;
    }

    /** What the statistics of one column chunk tell. */
    private static final class Column {
        static final Column ALL_NULL = new Column();

        final DataType type;
        final long rowCount;
        /** The nulls, or -1 when unknown. */
        final long nullCount;

        private final PrimitiveType field;
        private final Statistics<?> statistics;
        private final Object min;
        private final Object max;

        private Column() {
            this.field = null;
            this.type = null;
            this.statistics = null;
            this.rowCount = 0;
            this.nullCount = 0;
            this.min = null;
            this.max = null;
        }

        Column(PrimitiveType field, DataType type, Statistics<?> statistics, long rowCount) {
            this.field = field;
            this.type = type;
            this.statistics = statistics;
            this.rowCount = rowCount;
            boolean present = statistics != null && !statistics.isEmpty();
            this.nullCount = present && statistics.isNumNullsSet() ? statistics.getNumNulls() : -1;
            Object lower = null;
            Object upper = null;
            if (present && statistics.hasNonNullValue() && interpretable(field)) {
                try {
                    lower = convert(statistics.genericGetMin());
                    upper = convert(statistics.genericGetMax());
                } catch (RuntimeException unreadable) {
                    lower = null;
                    upper = null;
                }
            }
            if (lower instanceof Number number && isNaN(number) || upper instanceof Number other && isNaN(other)) {
                lower = null;
                upper = null;
            }
            this.min = lower;
            this.max = upper;
        }

        private static boolean isNaN(Number number) {
            return (number instanceof Double || number instanceof Float) && Double.isNaN(number.doubleValue());
        }

        /** Whether the statistics say the chunk holds nulls only (or the column is missing from the file). */
        boolean allNull() {
            if (this == ALL_NULL) {
                return true;
            }
            if (nullCount >= 0 && nullCount >= rowCount) {
                return true;
            }
            return nullCount >= 0 && statistics != null && !statistics.isEmpty() && !statistics.hasNonNullValue();
        }

        boolean hasMinMax() {
            return min != null && max != null;
        }

        /** Whether the maximum bounds every value: for floating point only when no value is NaN. */
        boolean maxUsable() {
            if (type instanceof FloatType || type instanceof DoubleType) {
                return statistics.isNanCountSet() && statistics.getNanCount() == 0;
            }
            return true;
        }

        int compareToMin(Object value) {
            return compareValues(value, min);
        }

        int compareToMax(Object value) {
            return compareValues(value, max);
        }

        private int compareValues(Object value, Object bound) {
            if (type instanceof StringType) {
                return Arrays.compareUnsigned(((String) value).getBytes(UTF_8), (byte[]) bound);
            }
            if (type instanceof BinaryType) {
                return Arrays.compareUnsigned((byte[]) value, (byte[]) bound);
            }
            if (type instanceof DecimalType) {
                return ((BigDecimal) value).compareTo((BigDecimal) bound);
            }
            if (type instanceof FloatType) {
                return Float.compare((Float) value + 0.0f, (Float) bound + 0.0f);
            }
            if (type instanceof DoubleType) {
                return Double.compare((Double) value + 0.0, (Double) bound + 0.0);
            }
            if (type instanceof BooleanType) {
                return Boolean.compare((Boolean) value, (Boolean) bound);
            }
            return Long.compare(((Number) value).longValue(), ((Number) bound).longValue());
        }

        /** Whether this reads the statistics of the column's type. */
        private static boolean interpretable(PrimitiveType field) {
            if (field.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
                return false;
            }
            LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
            return !(annotation instanceof IntLogicalTypeAnnotation ints && !ints.isSigned());
        }

        /** A statistics bound as a value comparable with a literal of the column's type. */
        private Object convert(Object raw) {
            LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
            if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
                BigInteger unscaled;
                if (raw instanceof Binary binary) {
                    unscaled = new BigInteger(binary.getBytes());
                } else {
                    unscaled = BigInteger.valueOf(((Number) raw).longValue());
                }
                return new BigDecimal(unscaled, decimal.getScale());
            }
            if (raw instanceof Binary binary) {
                return binary.getBytes();
            }
            if (type instanceof TimestampType || type instanceof TimestampNTZType) {
                long value = (Long) raw;
                TimeUnit unit = ParquetSchemas.timestampUnit(field);
                if (unit == TimeUnit.MILLIS) {
                    return Math.multiplyExact(value, 1000L);
                }
                if (unit == TimeUnit.NANOS) {
                    return Math.floorDiv(value, 1000L);
                }
                return value;
            }
            if (type instanceof IntegerType
                    || type instanceof DateType
                    || type instanceof ByteType
                    || type instanceof ShortType
                    || type instanceof LongType
                    || type instanceof FloatType
                    || type instanceof DoubleType
                    || type instanceof BooleanType) {
                return raw;
            }
            throw new IllegalStateException("No statistics of " + type);
        }
    }
}
