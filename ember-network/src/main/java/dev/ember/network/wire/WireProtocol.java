package dev.ember.network.wire;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message sets one process speaks, and the encoding of messages with them. A message is a header listing the
 * sets its values come from, each with the fingerprint of its schema, then one tagged value:
 *
 * <pre>
 *   sets:u8 { set:u8 fingerprint:i32 }*   value
 *   value := NULL | TRUE | FALSE | INT zigzag | LONG zigzag | DOUBLE 8 bytes | STRING count utf8 | BYTES count bytes
 *          | LIST count value* | MAP count (value value)* | TYPED set:u8 index:count body | ARRAY set:u8 index:count count value*
 * </pre>
 *
 * A set the reader does not have, or has with another fingerprint, fails the whole message with an error naming
 * both sides' schemas, before any value is read: processes of different Ember versions refuse each other clearly
 * rather than misreading. Values nest at most {@value #MAX_DEPTH} deep.
 *
 * <p>Thread-safe: sets are added rarely ({@link #register}, copy on write) and read without locks.
 */
public final class WireProtocol {
    static final int MAX_DEPTH = 32;

    /**
     * Room reserved up front for a list or array: more only as elements arrive, since a count is only known to fit
     * the bytes of the whole message, and lists nested in it could each claim them all.
     */
    private static final int INITIAL_CAPACITY = 64;

    private static final int NULL = 0;
    private static final int TRUE = 1;
    private static final int FALSE = 2;
    private static final int INT = 3;
    private static final int LONG = 4;
    private static final int DOUBLE = 5;
    private static final int STRING = 6;
    private static final int BYTES = 7;
    private static final int LIST = 8;
    private static final int MAP = 9;
    private static final int TYPED = 10;
    private static final int ARRAY = 11;

    private record Registry(MessageSet[] sets, Map<Class<?>, MessageSet.Entry> byClass) {}

    private volatile Registry registry = new Registry(new MessageSet[256], Map.of());

    /** Adds {@code set}; adding the same set again does nothing, another set with the same id fails. */
    public synchronized WireProtocol register(MessageSet set) {
        requireNonNull(set, "set is null");
        Registry current = registry;
        MessageSet existing = current.sets[set.id()];
        if (existing == set) {
            return this;
        }
        if (existing != null) {
            throw new IllegalArgumentException(set + " has the id of " + existing);
        }
        Map<Class<?>, MessageSet.Entry> byClass = new HashMap<>(current.byClass);
        for (MessageSet.Entry entry : set.entries()) {
            if (byClass.putIfAbsent(entry.type, entry) != null) {
                throw new IllegalArgumentException(entry.type.getName() + " is in two message sets");
            }
        }
        MessageSet[] sets = current.sets.clone();
        sets[set.id()] = set;
        registry = new Registry(sets, Map.copyOf(byClass));
        return this;
    }

    /** Whether {@code value}'s class is registered (or a value the format carries by itself). */
    public boolean canEncode(Object value) {
        return value == null || registry.byClass.containsKey(typeOf(value)) || builtIn(value);
    }

    /** The message holding {@code value}. */
    public byte[] encode(Object value) {
        WireOutput body = new WireOutput(this);
        body.value(value);
        MessageSet[] sets = registry.sets;
        List<MessageSet> used = new ArrayList<>();
        for (int id = 0; id < sets.length; id++) {
            if (sets[id] != null && body.setUsed(id)) {
                used.add(sets[id]);
            }
        }
        ByteBuffer message = ByteBuffer.allocate(1 + 5 * used.size() + body.size());
        message.put((byte) used.size());
        for (MessageSet set : used) {
            message.put((byte) set.id()).putInt(set.fingerprint());
        }
        message.put(body.toByteArray());
        return message.array();
    }

    /**
     * Reads the message in {@code bytes} (all of them), resolving values against {@code context}, within
     * {@code budget}; a malformed, foreign or too slow message throws {@link WireFormatException}.
     */
    public Object decode(ByteBuffer bytes, Object context, Duration budget) {
        WireInput in = new WireInput(this, bytes, context, budget.toNanos());
        MessageSet[] sets = registry.sets;
        int count = in.readByte();
        for (int i = 0; i < count; i++) {
            int id = in.readByte();
            if (in.remaining() < 4) {
                throw in.error("the header ends early");
            }
            int fingerprint = (in.readByte() << 24) | (in.readByte() << 16) | (in.readByte() << 8) | in.readByte();
            MessageSet set = sets[id];
            if (set == null) {
                throw new WireFormatException("The message uses message set " + id + ", which this process does not"
                        + " take: it is for another kind of process, or from another Ember version");
            }
            if (set.fingerprint() != fingerprint) {
                throw new WireFormatException("The peer's " + set.name() + " messages (schema "
                        + Integer.toHexString(fingerprint) + ") are not this process's (schema "
                        + Integer.toHexString(set.fingerprint()) + "): every process of a cluster must run the same"
                        + " Ember version");
            }
            in.announce(id);
        }
        Object value = in.value();
        if (in.remaining() != 0) {
            throw in.error(in.remaining() + " bytes beyond the message");
        }
        return value;
    }

    void writeValue(Object value, WireOutput out) {
        // Looked up before lists and maps: a registered type may be one (Properties is a map) and has its own encoding.
        MessageSet.Entry registered = value == null ? null : registry.byClass.get(typeOf(value));
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean flag) {
            out.writeByte(flag ? TRUE : FALSE);
        } else if (value instanceof Integer number) {
            out.writeByte(INT).writeInt(number);
        } else if (value instanceof Long number) {
            out.writeByte(LONG).writeLong(number);
        } else if (value instanceof Double number) {
            out.writeByte(DOUBLE).writeDouble(number);
        } else if (value instanceof String text) {
            out.writeByte(STRING).writeString(text);
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES).writeBytes(bytes);
        } else if (registered != null) {
            writeReference(out.writeByte(TYPED), registered);
            registered.write(value, out);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST).writeCount(list.size());
            for (Object element : list) {
                out.value(element);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP).writeCount(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.value(entry.getKey()).value(entry.getValue());
            }
        } else if (value instanceof Object[] array) {
            MessageSet.Entry component = entry(array.getClass().getComponentType());
            writeReference(out.writeByte(ARRAY), component).writeCount(array.length);
            for (Object element : array) {
                out.value(element);
            }
        } else {
            throw notSendable(value.getClass());
        }
    }

    private static WireOutput writeReference(WireOutput out, MessageSet.Entry entry) {
        out.markSetUsed(entry.setId);
        return out.writeByte(entry.setId).writeCount(entry.index);
    }

    private MessageSet.Entry entry(Class<?> type) {
        MessageSet.Entry entry = registry.byClass.get(type);
        if (entry == null) {
            throw notSendable(type);
        }
        return entry;
    }

    private static WireFormatException notSendable(Class<?> type) {
        return new WireFormatException(
                "A " + type.getName() + " cannot be sent: it is in no message set of this process");
    }

    private static boolean builtIn(Object value) {
        return value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof String
                || value instanceof byte[]
                || value instanceof List
                || value instanceof Map;
    }

    private static Class<?> typeOf(Object value) {
        return value instanceof Enum<?> constant ? constant.getDeclaringClass() : value.getClass();
    }

    Object readValue(WireInput in) {
        in.tick();
        int tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case STRING:
                return in.readString();
            case BYTES:
                return in.readBytes();
            default:
                break;
        }
        if (++in.depth > MAX_DEPTH) {
            throw in.error("values nested more than " + MAX_DEPTH + " deep");
        }
        try {
            return switch (tag) {
                case LIST -> readList(in);
                case MAP -> readMap(in);
                case TYPED -> readReference(in).read(in);
                case ARRAY -> readArray(in);
                default -> throw in.error("unknown value tag " + tag);
            };
        } finally {
            in.depth--;
        }
    }

    private static List<Object> readList(WireInput in) {
        int count = in.readCount(1);
        List<Object> list = new ArrayList<>(Math.min(count, INITIAL_CAPACITY));
        for (int i = 0; i < count; i++) {
            list.add(in.value());
        }
        return Collections.unmodifiableList(list);
    }

    private static Map<Object, Object> readMap(WireInput in) {
        int count = in.readCount(2);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Object key = in.value();
            if (key != null
                    && !(key instanceof String
                            || key instanceof Integer
                            || key instanceof Long
                            || key instanceof Boolean
                            || key instanceof Enum<?>)) {
                throw in.error("a map key must be a string, number, boolean or enum, not " + TypeCheck.describe(key));
            }
            if (map.put(key, in.value()) != null || map.size() != i + 1) {
                throw in.error("the key " + key + " twice in a map");
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private Object readArray(WireInput in) {
        MessageSet.Entry component = readReference(in);
        int count = in.readCount(1);
        List<Object> elements = new ArrayList<>(Math.min(count, INITIAL_CAPACITY));
        for (int i = 0; i < count; i++) {
            Object element = in.value();
            if (element != null && !component.type.isInstance(element)) {
                throw in.error("a " + component.type.getSimpleName() + "[] holding " + TypeCheck.describe(element));
            }
            elements.add(element);
        }
        return elements.toArray((Object[]) Array.newInstance(component.type, count));
    }

    private MessageSet.Entry readReference(WireInput in) {
        int setId = in.readByte();
        int index = in.readCount(0);
        if (!in.announced(setId)) {
            throw in.error("a value of message set " + setId + ", which the header does not list");
        }
        List<MessageSet.Entry> entries = registry.sets[setId].entries();
        if (index >= entries.size()) {
            throw in.error(registry.sets[setId].name() + " messages have no type " + index);
        }
        return entries.get(index);
    }
}
