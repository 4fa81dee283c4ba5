package dev.ember.sql.sources.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ember.sql.sources.parquet.VectorConverters.RootConverter;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.vector.BooleanVector;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.DoubleVector;
import dev.ember.sql.vector.FloatVector;
import dev.ember.sql.vector.IntVector;
import dev.ember.sql.vector.LongVector;
import java.math.BigDecimal;
import java.util.Arrays;

/** Where the converters hand decoded values: a row of a column vector, or a boxed value for a nested one. */
final class ConverterTargets {
    private ConverterTargets() {}

    /** Where decoded values go: a vector's row, or a slot of a nested value. */
    abstract static class Target {
        abstract void putBoolean(boolean value);

        /** A value of a type held as an int: int, date, tinyint, smallint. */
        abstract void putInt(int value);

        /** A value of a type held as a long: bigint, timestamps, or the unscaled value of a decimal(p<=18). */
        abstract void putLong(long value);

        abstract void putFloat(float value);

        abstract void putDouble(double value);

        /** The bytes of a string (UTF-8) or a binary value; {@code bytes} may be reused after the call. */
        abstract void putBytes(byte[] bytes, int offset, int length);

        /** A value held as an object: a decimal of more than 18 digits, a List, a Map or an Object[]. */
        abstract void putObject(Object value);
    }

    /** Writes into row {@link RootConverter#row} of a vector, marking the column written for that row. */
    static final class VectorTarget extends Target {
        private final RootConverter root;
        private final int column;
        ColumnVector vector;

        VectorTarget(RootConverter root, int column) {
            this.root = root;
            this.column = column;
        }

        @Override
        void putBoolean(boolean value) {
            ((BooleanVector) vector).set(root.row, value);
            root.written[column] = true;
        }

        @Override
        void putInt(int value) {
            ((IntVector) vector).set(root.row, value);
            root.written[column] = true;
        }

        @Override
        void putLong(long value) {
            ((LongVector) vector).set(root.row, value);
            root.written[column] = true;
        }

        @Override
        void putFloat(float value) {
            ((FloatVector) vector).set(root.row, value);
            root.written[column] = true;
        }

        @Override
        void putDouble(double value) {
            ((DoubleVector) vector).set(root.row, value);
            root.written[column] = true;
        }

        @Override
        void putBytes(byte[] bytes, int offset, int length) {
            ((BytesVector) vector).set(root.row, bytes, offset, length);
            root.written[column] = true;
        }

        @Override
        void putObject(Object value) {
            vector.setObject(root.row, value);
            root.written[column] = true;
        }
    }

    /** Boxes values as the engine holds values of {@code type} and hands them to {@link #accept}. */
    abstract static class ObjectTarget extends Target {
        private final DataType type;

        ObjectTarget(DataType type) {
            this.type = type;
        }

        abstract void accept(Object value);

        @Override
        void putBoolean(boolean value) {
            accept(value);
        }

        @Override
        void putInt(int value) {
            if (type instanceof ByteType) {
                accept((byte) value);
            } else if (type instanceof ShortType) {
                accept((short) value);
            } else {
                accept(value);
            }
        }

        @Override
        void putLong(long value) {
            if (type instanceof DecimalType decimal) {
                accept(BigDecimal.valueOf(value, decimal.scale()));
            } else {
                accept(value);
            }
        }

        @Override
        void putFloat(float value) {
            accept(value);
        }

        @Override
        void putDouble(double value) {
            accept(value);
        }

        @Override
        void putBytes(byte[] bytes, int offset, int length) {
            if (type instanceof StringType) {
                accept(new String(bytes, offset, length, UTF_8));
            } else {
                accept(Arrays.copyOfRange(bytes, offset, offset + length));
            }
        }

        @Override
        void putObject(Object value) {
            accept(value);
        }
    }
}
