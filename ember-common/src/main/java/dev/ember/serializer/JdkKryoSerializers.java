package dev.ember.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Registers the JDK classes records are commonly made of, with serializers for the JDK's immutable and view
 * collections ({@code List.of}, {@code Arrays.asList}, {@code Collections.unmodifiableList}, {@code Stream.toList},
 * ...) and for {@link Optional}, which Kryo's field serializer cannot rebuild without opening {@code java.base}.
 * These collections are restored as equal, equally unmodifiable collections.
 */
final class JdkKryoSerializers {
    private JdkKryoSerializers() {}

    static void register(Kryo kryo) {
        for (Class<?> type : List.of(
                byte[].class,
                int[].class,
                long[].class,
                double[].class,
                float[].class,
                short[].class,
                char[].class,
                boolean[].class,
                String[].class,
                Object[].class,
                Integer[].class,
                Long[].class,
                Double[].class,
                ArrayList.class,
                LinkedList.class,
                HashMap.class,
                LinkedHashMap.class,
                TreeMap.class,
                HashSet.class,
                LinkedHashSet.class,
                TreeSet.class,
                BigDecimal.class,
                BigInteger.class)) {
            kryo.register(type);
        }
        kryo.register(Optional.class, new OptionalSerializer());

        ListSerializer immutableList = new ListSerializer(JdkKryoSerializers::immutableList);
        kryo.register(List.of().getClass(), immutableList);
        kryo.register(List.of(1).getClass(), immutableList);
        kryo.register(List.of(1, 2, 3).getClass(), immutableList);
        kryo.register(Arrays.asList(1).getClass(), new ListSerializer(Arrays::asList));
        ListSerializer unmodifiableList =
                new ListSerializer(values -> Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values))));
        kryo.register(Collections.unmodifiableList(new ArrayList<>()).getClass(), unmodifiableList);
        kryo.register(Collections.unmodifiableList(new LinkedList<>()).getClass(), unmodifiableList);
        kryo.register(
                Collections.unmodifiableCollection(new ArrayList<>()).getClass(),
                new ListSerializer(values -> Collections.unmodifiableCollection(Arrays.asList(values))));

        SetSerializer immutableSet = new SetSerializer(JdkKryoSerializers::immutableSet);
        kryo.register(Set.of().getClass(), immutableSet);
        kryo.register(Set.of(1).getClass(), immutableSet);
        kryo.register(Set.of(1, 2, 3).getClass(), immutableSet);
        kryo.register(
                Collections.unmodifiableSet(new HashSet<>()).getClass(),
                new SetSerializer(values -> Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(values)))));

        MapSerializer immutableMap = new MapSerializer(JdkKryoSerializers::immutableMap);
        kryo.register(Map.of().getClass(), immutableMap);
        kryo.register(Map.of(1, 1).getClass(), immutableMap);
        kryo.register(Map.of(1, 1, 2, 2).getClass(), immutableMap);
        kryo.register(
                Collections.unmodifiableMap(new HashMap<>()).getClass(),
                new MapSerializer(Collections::unmodifiableMap));
    }

    private static Collection<Object> immutableList(Object[] values) {
        for (Object value : values) {
            if (value == null) {
                // Stream.toList() allows nulls, List.of does not.
                return Collections.unmodifiableList(Arrays.asList(values));
            }
        }
        return List.of(values);
    }

    private static Set<Object> immutableSet(Object[] values) {
        return Set.of(values);
    }

    private static Map<Object, Object> immutableMap(LinkedHashMap<Object, Object> values) {
        return Map.copyOf(values);
    }

    private static final class OptionalSerializer extends Serializer<Optional<?>> {
        OptionalSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Optional<?> value) {
            output.writeBoolean(value.isPresent());
            if (value.isPresent()) {
                kryo.writeClassAndObject(output, value.get());
            }
        }

        @Override
        public Optional<?> read(Kryo kryo, Input input, Class<? extends Optional<?>> type) {
            return input.readBoolean() ? Optional.of(kryo.readClassAndObject(input)) : Optional.empty();
        }
    }

    /** Writes any collection as its elements; reads them back through a factory. */
    private static class ListSerializer extends Serializer<Collection<Object>> {
        private final Function<Object[], Collection<Object>> factory;

        ListSerializer(Function<Object[], ? extends Collection<Object>> factory) {
            this.factory = values -> factory.apply(values);
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Collection<Object> value) {
            output.writeVarInt(value.size(), true);
            for (Object element : value) {
                kryo.writeClassAndObject(output, element);
            }
        }

        @Override
        public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
            int size = input.readVarInt(true);
            Object[] values = new Object[size];
            for (int i = 0; i < size; i++) {
                values[i] = kryo.readClassAndObject(input);
            }
            return factory.apply(values);
        }
    }

    private static final class SetSerializer extends ListSerializer {
        SetSerializer(Function<Object[], ? extends Set<Object>> factory) {
            super(factory);
        }
    }

    private static final class MapSerializer extends Serializer<Map<Object, Object>> {
        private final Function<LinkedHashMap<Object, Object>, Map<Object, Object>> factory;

        MapSerializer(Function<LinkedHashMap<Object, Object>, Map<Object, Object>> factory) {
            this.factory = factory;
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> value) {
            output.writeVarInt(value.size(), true);
            for (Map.Entry<Object, Object> entry : value.entrySet()) {
                kryo.writeClassAndObject(output, entry.getKey());
                kryo.writeClassAndObject(output, entry.getValue());
            }
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            int size = input.readVarInt(true);
            LinkedHashMap<Object, Object> values = new LinkedHashMap<>(Math.max(4, size * 2));
            for (int i = 0; i < size; i++) {
                Object key = kryo.readClassAndObject(input);
                values.put(key, kryo.readClassAndObject(input));
            }
            return factory.apply(values);
        }
    }
}
