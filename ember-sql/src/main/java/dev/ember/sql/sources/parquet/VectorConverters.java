package dev.ember.sql.sources.parquet;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.parquet.ConverterTargets.ObjectTarget;
import dev.ember.sql.sources.parquet.ConverterTargets.Target;
import dev.ember.sql.sources.parquet.ConverterTargets.VectorTarget;
import dev.ember.sql.sources.parquet.NestedConverters.ListConverter;
import dev.ember.sql.sources.parquet.NestedConverters.MapConverter;
import dev.ember.sql.sources.parquet.NestedConverters.StructConverter;
import dev.ember.sql.sources.parquet.PrimitiveConverters.Decoder;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnVector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;

/**
 * The converters parquet-column's record assembly drives, writing each record's values straight into the column
 * vectors of a batch: a top-level primitive column is appended to its vector with the vector's typed setter (no object
 * per value); nested values (arrays as List, maps as Map, structs as Object[]) are built as the engine holds them and
 * set as one object per row. This class holds the root, one record of which is one row; the values' converters are
 * in {@link PrimitiveConverters} and {@link NestedConverters}, where they hand their values in {@link
 * ConverterTargets}.
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

    static DataType elementTypeOf(Type repeatedField, DataType type) {
        if (!(type instanceof ArrayType array)) {
            throw mismatch(repeatedField, type);
        }
        return array.elementType();
    }

    static EmberException mismatch(Type field, DataType type) {
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
}
