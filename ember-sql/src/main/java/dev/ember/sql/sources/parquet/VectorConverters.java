package dev.ember.sql.sources.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.ArrayType;
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
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.vector.BooleanVector;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.DoubleVector;
import dev.ember.sql.vector.FloatVector;
import dev.ember.sql.vector.IntVector;
import dev.ember.sql.vector.LongVector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
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
 * The converters parquet-column's record assembly drives, writing each record's values straight into the column
 * vectors of a batch: a top-level primitive column is appended to its vector with the vector's typed setter (no object
 * per value); nested values (arrays as List, maps as Map, structs as Object[]) are built as the engine holds them and
 * set as one object per row.
 */
final class VectorConverters {
    private VectorConverters() {}

    static final long MICROS_PER_DAY = 86_400_000_000L;

    /** The Julian day of 1970-01-01, the epoch of INT96 timestamps' day numbers. */
    static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

    /** Microseconds since the epoch of an INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
    static long int96ToMicros(Binary binary) {
        ByteBuffer buffer = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buffer.getLong();
        int julianDay = buffer.getInt();
        return (julianDay - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + Math.floorDiv(nanosOfDay, 1000L);
    }

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
    private static final class VectorTarget extends Target {
        private final RootConverter root;
        private final int column;
        private ColumnVector vector;

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
    private abstract static class ObjectTarget extends Target {
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

    // ---------------------------------------------------------------- the root: one record is one row

    /** Materializes nothing: the converters write into the vectors. */
    static final class Materializer extends RecordMaterializer<Object> {
        private final RootConverter root;

        Materializer(RootConverter root) {
            this.root = root;
        }

        @Override
        public Object getCurrentRecord() {
            return null;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    /**
     * The converter of a record: field {@code i} of the requested schema goes to output column {@code columns[i]}.
     * Before each record the reader sets {@link #row}; a column no value was written to for the row is null.
     */
    static final class RootConverter extends GroupConverter {
        int row;
        final boolean[] written;
        private final Converter[] converters;
        private final VectorTarget[] targets;
        private final ColumnVector[] vectors;
        /** For an unannotated repeated top-level field, the list of the current row; null otherwise. */
        private final boolean[] repeated;

        private final List<Object>[] lists;

        @SuppressWarnings("unchecked")
        RootConverter(MessageType requested, StructType columnsType, int[] columns) {
            int count = columnsType.size();
            this.written = new boolean[count];
            this.vectors = new ColumnVector[count];
            this.targets = new VectorTarget[count];
            this.repeated = new boolean[count];
            this.lists = new List[count];
            this.converters = new Converter[requested.getFieldCount()];
            for (int i = 0; i < requested.getFieldCount(); i++) {
                Type field = requested.getType(i);
                int column = columns[i];
                DataType type = columnsType.field(column).dataType();
                VectorTarget target = new VectorTarget(this, column);
                targets[column] = target;
                if (field.isRepetition(Repetition.REPEATED)) {
                    repeated[column] = true;
                    DataType elementType = elementTypeOf(field, type);
                    converters[i] = valueConverter(field, elementType, new ObjectTarget(elementType) {
                        @Override
                        void accept(Object value) {
                            lists[column].add(value);
                        }
                    });
                } else {
                    converters[i] = valueConverter(field, type, target);
                }
            }
        }

        /** Points the converters at the vectors of a new batch (indexed as the output columns). */
        void setVectors(ColumnVector[] batchVectors) {
            for (int column = 0; column < vectors.length; column++) {
                vectors[column] = batchVectors[column];
                if (targets[column] != null) {
                    targets[column].vector = batchVectors[column];
                }
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            for (int column = 0; column < repeated.length; column++) {
                if (repeated[column]) {
                    lists[column] = new ArrayList<>();
                }
            }
        }

        @Override
        public void end() {
            for (int column = 0; column < written.length; column++) {
                if (repeated[column]) {
                    vectors[column].setObject(row, lists[column]);
                    lists[column] = null;
                } else if (written[column]) {
                    written[column] = false;
                } else if (vectors[column] != null) {
                    vectors[column].setNull(row);
                }
            }
        }
    }

    private static DataType elementTypeOf(Type repeatedField, DataType type) {
        if (!(type instanceof ArrayType array)) {
            throw mismatch(repeatedField, type);
        }
        return array.elementType();
    }

    private static EmberException mismatch(Type field, DataType type) {
        return new EmberException(
                ErrorClass.DATATYPE_MISMATCH,
                "The Parquet column " + field.getName() + " ("
                        + field.toString().trim() + ") cannot be read as " + type.simpleString());
    }

    /** The converter of a (non-repeated) value of {@code field} read as {@code type}, handing values to target. */
    static Converter valueConverter(Type field, DataType type, Target target) {
        if (field.isPrimitive()) {
            return new Decoder(field.asPrimitiveType(), type, target);
        }
        GroupType group = field.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            if (!(type instanceof ArrayType array)) {
                throw mismatch(field, type);
            }
            return new ListConverter(group, array, target);
        }
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            if (!(type instanceof MapType map)) {
                throw mismatch(field, type);
            }
            return new MapConverter(group, map, target);
        }
        if (!(type instanceof StructType struct)) {
            throw mismatch(field, type);
        }
        return new StructConverter(group, struct, target);
    }

    // ---------------------------------------------------------------- nested values

    /** A struct: an Object[] with a slot per field of the Ember type; fields the file lacks stay null. */
    private static final class StructConverter extends GroupConverter {
        private final Target target;
        private final int size;
        private final Converter[] converters;
        private final int[] repeatedSlots;
        private Object[] values;

        StructConverter(GroupType group, StructType struct, Target target) {
            this.target = target;
            this.size = struct.size();
            this.converters = new Converter[group.getFieldCount()];
            List<Integer> repeatedList = new ArrayList<>();
            for (int j = 0; j < group.getFieldCount(); j++) {
                Type member = group.getType(j);
                int slot = struct.indexOf(member.getName()).orElse(-1);
                if (slot < 0) {
                    throw mismatch(group, struct);
                }
                DataType memberType = struct.field(slot).dataType();
                if (member.isRepetition(Repetition.REPEATED)) {
                    repeatedList.add(slot);
                    DataType elementType = elementTypeOf(member, memberType);
                    converters[j] = valueConverter(member, elementType, new ObjectTarget(elementType) {
                        @Override
                        @SuppressWarnings("unchecked")
                        void accept(Object value) {
                            ((List<Object>) values[slot]).add(value);
                        }
                    });
                } else {
                    converters[j] = valueConverter(member, memberType, new ObjectTarget(memberType) {
                        @Override
                        void accept(Object value) {
                            values[slot] = value;
                        }
                    });
                }
            }
            this.repeatedSlots =
                    repeatedList.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            values = new Object[size];
            for (int slot : repeatedSlots) {
                values[slot] = new ArrayList<>();
            }
        }

        @Override
        public void end() {
            target.putObject(values);
            values = null;
        }
    }

    /** A LIST group: a List of its elements, in the three-level or a legacy two-level form. */
    private static final class ListConverter extends GroupConverter {
        private final Target target;
        private final Converter repeated;
        private List<Object> list;

        ListConverter(GroupType group, ArrayType type, Target target) {
            this.target = target;
            DataType elementType = type.elementType();
            ObjectTarget add = new ObjectTarget(elementType) {
                @Override
                void accept(Object value) {
                    list.add(value);
                }
            };
            Type repeatedField = ParquetSchemas.listRepeated(group);
            if (ParquetSchemas.isTwoLevelList(group)) {
                this.repeated = valueConverter(repeatedField, elementType, add);
            } else {
                this.repeated = new ElementConverter(repeatedField.asGroupType(), elementType, add);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
            list = new ArrayList<>();
        }

        @Override
        public void end() {
            target.putObject(list);
            list = null;
        }
    }

    /** The repeated group of a three-level list: one element, null when the group holds no value. */
    private static final class ElementConverter extends GroupConverter {
        private final ObjectTarget add;
        private final Converter element;
        private Object value;

        ElementConverter(GroupType wrapper, DataType elementType, ObjectTarget add) {
            this.add = add;
            this.element = valueConverter(wrapper.getType(0), elementType, new ObjectTarget(elementType) {
                @Override
                void accept(Object decoded) {
                    value = decoded;
                }
            });
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return element;
        }

        @Override
        public void start() {
            value = null;
        }

        @Override
        public void end() {
            add.accept(value);
        }
    }

    /** A MAP group: a Map (in file order) of its key-value pairs. */
    private static final class MapConverter extends GroupConverter {
        private final Target target;
        private final KeyValueConverter keyValue;
        private Map<Object, Object> map;

        MapConverter(GroupType group, MapType type, Target target) {
            this.target = target;
            this.keyValue = new KeyValueConverter(ParquetSchemas.mapKeyValue(group), type, this);
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return keyValue;
        }

        @Override
        public void start() {
            map = new LinkedHashMap<>();
        }

        @Override
        public void end() {
            target.putObject(map);
            map = null;
        }
    }

    private static final class KeyValueConverter extends GroupConverter {
        private final MapConverter parent;
        private final Converter[] converters;
        private Object key;
        private Object value;

        KeyValueConverter(GroupType keyValue, MapType type, MapConverter parent) {
            this.parent = parent;
            this.converters = new Converter[keyValue.getFieldCount()];
            converters[0] = valueConverter(keyValue.getType(0), type.keyType(), new ObjectTarget(type.keyType()) {
                @Override
                void accept(Object decoded) {
                    key = decoded;
                }
            });
            if (converters.length > 1) {
                converters[1] =
                        valueConverter(keyValue.getType(1), type.valueType(), new ObjectTarget(type.valueType()) {
                            @Override
                            void accept(Object decoded) {
                                value = decoded;
                            }
                        });
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            key = null;
            value = null;
        }

        @Override
        public void end() {
            if (key != null) {
                parent.map.put(key, value);
            }
        }
    }

    // ---------------------------------------------------------------- primitive values

    /** How a Parquet primitive becomes an Ember value. */
    private enum Mode {
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
    private static final class Decoder extends PrimitiveConverter {
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

        private static Mode modeOf(PrimitiveType field, DataType type) {
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
