package dev.ember.network.wire;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The types one part of the engine sends in messages, numbered in the order they are listed: that order, with the
 * set's id, is the wire format, so a type is only ever added at the end and a changed type changes the set's
 * {@link #fingerprint()}. Processes whose sets of the same id have different fingerprints refuse each other's
 * messages (see {@link WireProtocol}).
 *
 * <p>Records are written component by component, in declaration order, each component as a tagged value that is
 * checked against the component's declared type when read (a {@code List<Integer>} holds only integers); enums as
 * their ordinal; other classes by the {@link WireType} they are registered with.
 */
public final class MessageSet {
    private final int id;
    private final String name;
    private final List<Entry> entries;
    private final int fingerprint;

    private MessageSet(int id, String name, List<Entry> entries) {
        this.id = id;
        this.name = name;
        this.entries = List.copyOf(entries);
        StringBuilder schema = new StringBuilder(name).append('#').append(id);
        for (Entry entry : entries) {
            schema.append(';').append(entry.schema());
        }
        CRC32 crc = new CRC32();
        crc.update(schema.toString().getBytes(StandardCharsets.UTF_8));
        this.fingerprint = (int) crc.getValue();
    }

    /** A set with id {@code id} (0 to 255; each part of the engine has its own) and a name for error messages. */
    public static Builder builder(int id, String name) {
        if (id < 0 || id > 255) {
            throw new IllegalArgumentException("message set ids are 0 to 255, not " + id);
        }
        return new Builder(id, requireNonNull(name, "name is null"));
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** A checksum of the set's schema: its types, in order, with their components. */
    public int fingerprint() {
        return fingerprint;
    }

    List<Entry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return name + " messages (set " + id + ", schema " + Integer.toHexString(fingerprint) + ")";
    }

    /** Lists the types of a set. */
    public static final class Builder {
        private final int id;
        private final String name;
        private final List<Entry> entries = new ArrayList<>();
        private final Set<Class<?>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        private Builder(int id, String name) {
            this.id = id;
            this.name = name;
        }

        /** Records, written component by component. */
        public Builder records(Class<?>... types) {
            for (Class<?> type : types) {
                if (!type.isRecord()) {
                    throw new IllegalArgumentException(type.getName() + " is not a record");
                }
                add(type, new RecordEntry(type));
            }
            return this;
        }

        /**
         * Every record and enum declared in {@code holder} (a class that only groups messages), in order of their
         * names.
         */
        @SuppressWarnings("unchecked")
        public Builder nestedTypes(Class<?> holder) {
            Class<?>[] nested = holder.getDeclaredClasses();
            java.util.Arrays.sort(nested, java.util.Comparator.comparing(Class::getName));
            for (Class<?> type : nested) {
                if (type.isRecord()) {
                    records(type);
                } else if (type.isEnum()) {
                    enumeration((Class<? extends Enum<?>>) type);
                }
            }
            return this;
        }

        /** An enum, written as its ordinal. */
        public Builder enumeration(Class<? extends Enum<?>> type) {
            add(type, new EnumEntry(type));
            return this;
        }

        /** Another type, written by {@code codec}; change {@code version} whenever the encoding changes. */
        public <T> Builder type(Class<T> type, String version, WireType<T> codec) {
            if (type.isRecord() || type.isEnum() || type.isInterface()) {
                throw new IllegalArgumentException(
                        type.getName() + " is registered as a record or enum, or not a class");
            }
            add(type, new CustomEntry<>(type, requireNonNull(version, "version is null"), codec));
            return this;
        }

        private void add(Class<?> type, Entry entry) {
            if (!seen.add(type)) {
                throw new IllegalArgumentException(type.getName() + " is listed twice in " + name);
            }
            entry.setId = id;
            entry.index = entries.size();
            entries.add(entry);
        }

        public MessageSet build() {
            return new MessageSet(id, name, entries);
        }
    }

    /** One registered type. */
    abstract static class Entry {
        final Class<?> type;
        int setId;
        int index;

        Entry(Class<?> type) {
            this.type = type;
        }

        abstract String schema();

        abstract void write(Object value, WireOutput out);

        abstract Object read(WireInput in);
    }

    private static final class RecordEntry extends Entry {
        private final RecordComponent[] components;
        private final Method[] accessors;
        private final Type[] types;
        private final Constructor<?> constructor;

        RecordEntry(Class<?> type) {
            super(type);
            this.components = type.getRecordComponents();
            this.accessors = new Method[components.length];
            this.types = new Type[components.length];
            Class<?>[] raw = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                types[i] = components[i].getGenericType();
                raw[i] = components[i].getType();
                checkSupported(type, components[i].getName(), types[i]);
            }
            try {
                constructor = type.getDeclaredConstructor(raw);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record without its canonical constructor: " + type.getName(), e);
            }
        }

        @Override
        String schema() {
            StringBuilder schema = new StringBuilder(type.getName()).append('{');
            for (int i = 0; i < components.length; i++) {
                schema.append(i == 0 ? "" : ",")
                        .append(components[i].getName())
                        .append(':')
                        .append(types[i].getTypeName());
            }
            return schema.append('}').toString();
        }

        @Override
        void write(Object value, WireOutput out) {
            for (Method accessor : accessors) {
                try {
                    out.value(accessor.invoke(value));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                } catch (InvocationTargetException e) {
                    throw new WireFormatException("Cannot encode a " + type.getSimpleName() + ": " + e.getCause(), e);
                }
            }
        }

        @Override
        Object read(WireInput in) {
            Object[] arguments = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                arguments[i] = in.value();
                if (!TypeCheck.matches(arguments[i], types[i])) {
                    throw in.error(type.getSimpleName() + "." + components[i].getName() + " must be a "
                            + types[i].getTypeName() + ", not " + TypeCheck.describe(arguments[i]));
                }
            }
            try {
                return constructor.newInstance(arguments);
            } catch (InvocationTargetException e) {
                throw in.error("not a valid " + type.getSimpleName() + ": "
                        + e.getCause().getMessage());
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw in.error("not a valid " + type.getSimpleName() + ": " + e);
            }
        }

        private static void checkSupported(Class<?> owner, String component, Type type) {
            if (type instanceof Class<?> plain
                    && plain.isPrimitive()
                    && plain != int.class
                    && plain != long.class
                    && plain != boolean.class
                    && plain != double.class) {
                throw new IllegalArgumentException(owner.getName() + "." + component + " is a " + plain
                        + ": messages carry int, long, boolean and double");
            }
            if (type instanceof ParameterizedType parameterized) {
                Type raw = parameterized.getRawType();
                if (raw != List.class && raw != Map.class) {
                    throw new IllegalArgumentException(owner.getName() + "." + component + " is a " + type.getTypeName()
                            + ": messages carry lists and maps, no other generic types");
                }
                for (Type argument : parameterized.getActualTypeArguments()) {
                    checkSupported(owner, component, argument);
                }
            }
        }
    }

    private static final class EnumEntry extends Entry {
        private final Object[] constants;

        EnumEntry(Class<?> type) {
            super(type);
            this.constants = type.getEnumConstants();
        }

        @Override
        String schema() {
            StringBuilder schema = new StringBuilder(type.getName()).append('<');
            for (Object constant : constants) {
                schema.append(((Enum<?>) constant).name()).append(',');
            }
            return schema.append('>').toString();
        }

        @Override
        void write(Object value, WireOutput out) {
            out.writeCount(((Enum<?>) value).ordinal());
        }

        @Override
        Object read(WireInput in) {
            int ordinal = in.readCount(0);
            if (ordinal >= constants.length) {
                throw in.error(type.getSimpleName() + " has no constant " + ordinal);
            }
            return constants[ordinal];
        }
    }

    private static final class CustomEntry<T> extends Entry {
        private final String version;
        private final WireType<T> codec;

        CustomEntry(Class<T> type, String version, WireType<T> codec) {
            super(type);
            this.version = version;
            this.codec = requireNonNull(codec, "codec is null");
        }

        @Override
        String schema() {
            return type.getName() + "@" + version;
        }

        @Override
        @SuppressWarnings("unchecked")
        void write(Object value, WireOutput out) {
            codec.write((T) value, out);
        }

        @Override
        Object read(WireInput in) {
            T value = codec.read(in);
            if (value == null || value.getClass() != type) {
                throw in.error("the reader of " + type.getSimpleName() + " returned " + TypeCheck.describe(value));
            }
            return value;
        }
    }
}
