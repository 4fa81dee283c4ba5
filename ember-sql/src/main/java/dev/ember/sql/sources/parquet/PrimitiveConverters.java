package dev.ember.sql.sources.parquet;

import static dev.ember.sql.sources.parquet.VectorConverters.int96ToMicros;
import static dev.ember.sql.sources.parquet.VectorConverters.mismatch;

import dev.ember.sql.sources.parquet.ConverterTargets.Target;
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
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/** The converters of primitive values: how each Parquet primitive, with its annotation, becomes an Ember value. */
final class PrimitiveConverters {
    private PrimitiveConverters() {}

    /** How a Parquet primitive becomes an Ember value. */
    enum Mode {
        BOOLEAN,
        INT,
        INT_TO_LONG,
        UNSIGNED_INT_TO_LONG,
        LONG,
        UNSIGNED_LONG_TO_DECIMAL,
        MILLIS_TO_MICROS,
        NANOS_TO_MICROS,
        INT96_TO_MICROS,
        FLOAT,
        FLOAT_TO_DOUBLE,
        DOUBLE,
        BYTES,
        DECIMAL
    }

    /** Decodes one primitive column, with dictionary support: dictionaries of byte arrays are decoded once. */
    static final class Decoder extends PrimitiveConverter {
        private final Target target;
        private final Mode mode;
        private final PrimitiveTypeName physical;
        /** For DECIMAL: the file's scale, the wanted scale and whether the wanted type is held as a long. */
        private final int fileScale;

        private final int scale;
        private final boolean decimalAsLong;
        private Dictionary dictionary;
        private byte[][] binaryDictionary;

        Decoder(PrimitiveType field, DataType type, Target target) {
            this.target = target;
            this.physical = field.getPrimitiveTypeName();
            LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
            int fileDecimalScale = -1;
            if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
                fileDecimalScale = decimal.getScale();
            }
            this.fileScale = fileDecimalScale;
            this.scale = type instanceof DecimalType decimal ? decimal.scale() : -1;
            this.decimalAsLong = type instanceof DecimalType decimal && decimal.fitsInLong();
            this.mode = modeOf(field, type);
        }

        /** Whether a DECIMAL column of {@code field} read as {@code type} is its unscaled value as a long. */
        static boolean exactLong(PrimitiveType field, DataType type) {
            return field.getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation annotation
                    && type instanceof DecimalType decimal
                    && decimal.fitsInLong()
                    && annotation.getScale() == decimal.scale();
        }

        static Mode modeOf(PrimitiveType field, DataType type) {
            PrimitiveTypeName physical = field.getPrimitiveTypeName();
            LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
            boolean unsigned = annotation instanceof IntLogicalTypeAnnotation ints && !ints.isSigned();
            if (type instanceof DecimalType) {
                if (annotation instanceof DecimalLogicalTypeAnnotation) {
                    return Mode.DECIMAL;
                }
                if (physical == PrimitiveTypeName.INT64 && unsigned) {
                    return Mode.UNSIGNED_LONG_TO_DECIMAL;
                }
                throw mismatch(field, type);
            }
            switch (physical) {
                case BOOLEAN:
                    if (type instanceof BooleanType) {
                        return Mode.BOOLEAN;
                    }
                    break;
                case INT32:
                    if (type instanceof IntegerType
                            || type instanceof DateType
                            || type instanceof ByteType
                            || type instanceof ShortType) {
                        return Mode.INT;
                    }
                    if (type instanceof LongType) {
                        return unsigned ? Mode.UNSIGNED_INT_TO_LONG : Mode.INT_TO_LONG;
                    }
                    break;
                case INT64:
                    if (type instanceof TimestampType || type instanceof TimestampNTZType) {
                        TimeUnit unit = ParquetSchemas.timestampUnit(field);
                        if (unit == TimeUnit.MILLIS) {
                            return Mode.MILLIS_TO_MICROS;
                        }
                        if (unit == TimeUnit.NANOS) {
                            return Mode.NANOS_TO_MICROS;
                        }
                        return Mode.LONG;
                    }
                    if (type instanceof LongType) {
                        return Mode.LONG;
                    }
                    break;
                case INT96:
                    if (type instanceof TimestampType || type instanceof TimestampNTZType) {
                        return Mode.INT96_TO_MICROS;
                    }
                    break;
                case FLOAT:
                    if (type instanceof FloatType) {
                        return Mode.FLOAT;
                    }
                    if (type instanceof DoubleType) {
                        return Mode.FLOAT_TO_DOUBLE;
                    }
                    break;
                case DOUBLE:
                    if (type instanceof DoubleType) {
                        return Mode.DOUBLE;
                    }
                    break;
                case BINARY:
                case FIXED_LEN_BYTE_ARRAY:
                    if (type instanceof StringType || type instanceof BinaryType) {
                        return Mode.BYTES;
                    }
                    break;
                default:
                    break;
            }
            throw mismatch(field, type);
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary newDictionary) {
            this.dictionary = newDictionary;
            this.binaryDictionary = null;
            if (mode == Mode.BYTES) {
                byte[][] decoded = new byte[newDictionary.getMaxId() + 1][];
                for (int id = 0; id < decoded.length; id++) {
                    decoded[id] = newDictionary.decodeToBinary(id).getBytes();
                }
                this.binaryDictionary = decoded;
            }
        }

        @Override
        public void addValueFromDictionary(int id) {
            if (binaryDictionary != null) {
                byte[] bytes = binaryDictionary[id];
                target.putBytes(bytes, 0, bytes.length);
                return;
            }
            switch (physical) {
                case INT32 -> addInt(dictionary.decodeToInt(id));
                case INT64 -> addLong(dictionary.decodeToLong(id));
                case FLOAT -> addFloat(dictionary.decodeToFloat(id));
                case DOUBLE -> addDouble(dictionary.decodeToDouble(id));
                case BOOLEAN -> addBoolean(dictionary.decodeToBoolean(id));
                default -> addBinary(dictionary.decodeToBinary(id));
            }
        }

        @Override
        public void addBoolean(boolean value) {
            target.putBoolean(value);
        }

        @Override
        public void addInt(int value) {
            switch (mode) {
                case INT -> target.putInt(value);
                case INT_TO_LONG -> target.putLong(value);
                case UNSIGNED_INT_TO_LONG -> target.putLong(Integer.toUnsignedLong(value));
                case DECIMAL -> putUnscaled(value);
                default -> throw new IllegalStateException("An INT32 value in mode " + mode);
            }
        }

        @Override
        public void addLong(long value) {
            switch (mode) {
                case LONG -> target.putLong(value);
                case MILLIS_TO_MICROS -> target.putLong(Math.multiplyExact(value, 1000L));
                case NANOS_TO_MICROS -> target.putLong(Math.floorDiv(value, 1000L));
                case DECIMAL -> putUnscaled(value);
                case UNSIGNED_LONG_TO_DECIMAL ->
                    putDecimal(new BigDecimal(new BigInteger(Long.toUnsignedString(value))));
                default -> throw new IllegalStateException("An INT64 value in mode " + mode);
            }
        }

        @Override
        public void addFloat(float value) {
            if (mode == Mode.FLOAT_TO_DOUBLE) {
                target.putDouble(value);
            } else {
                target.putFloat(value);
            }
        }

        @Override
        public void addDouble(double value) {
            target.putDouble(value);
        }

        @Override
        public void addBinary(Binary value) {
            switch (mode) {
                case BYTES -> {
                    ByteBuffer buffer = value.toByteBuffer();
                    if (buffer.hasArray()) {
                        target.putBytes(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                    } else {
                        byte[] bytes = value.getBytes();
                        target.putBytes(bytes, 0, bytes.length);
                    }
                }
                case INT96_TO_MICROS -> target.putLong(int96ToMicros(value));
                case DECIMAL -> {
                    BigInteger unscaled = new BigInteger(value.getBytes());
                    if (fileScale == scale && decimalAsLong && unscaled.bitLength() < 64) {
                        target.putLong(unscaled.longValue());
                    } else {
                        putDecimal(new BigDecimal(unscaled, fileScale));
                    }
                }
                default -> throw new IllegalStateException("A binary value in mode " + mode);
            }
        }

        private void putUnscaled(long unscaled) {
            if (fileScale == scale && decimalAsLong) {
                target.putLong(unscaled);
            } else {
                putDecimal(BigDecimal.valueOf(unscaled, fileScale));
            }
        }

        private void putDecimal(BigDecimal value) {
            BigDecimal scaled = value.scale() == scale ? value : value.setScale(scale, RoundingMode.UNNECESSARY);
            if (decimalAsLong) {
                target.putLong(scaled.unscaledValue().longValueExact());
            } else {
                target.putObject(scaled);
            }
        }
    }
}
