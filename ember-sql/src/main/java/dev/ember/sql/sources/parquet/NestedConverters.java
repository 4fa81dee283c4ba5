package dev.ember.sql.sources.parquet;

import static dev.ember.sql.sources.parquet.VectorConverters.elementTypeOf;
import static dev.ember.sql.sources.parquet.VectorConverters.mismatch;
import static dev.ember.sql.sources.parquet.VectorConverters.valueConverter;

import dev.ember.sql.sources.parquet.ConverterTargets.ObjectTarget;
import dev.ember.sql.sources.parquet.ConverterTargets.Target;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;

/**
 * The converters of nested values: structs as Object[], LIST groups as List and MAP groups as Map, in the forms
 * Parquet writers use.
 */
final class NestedConverters {
    private NestedConverters() {}

    /** A struct: an Object[] with a slot per field of the Ember type; fields the file lacks stay null. */
    static final class StructConverter extends GroupConverter {
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
    static final class ListConverter extends GroupConverter {
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
    static final class ElementConverter extends GroupConverter {
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
    static final class MapConverter extends GroupConverter {
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

    static final class KeyValueConverter extends GroupConverter {
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
}
