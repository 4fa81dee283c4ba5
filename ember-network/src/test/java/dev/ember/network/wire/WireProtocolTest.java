package dev.ember.network.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireProtocolTest {
    private static final Duration BUDGET = Duration.ofSeconds(5);

    enum Color {
        RED,
        GREEN
    }

    record Point(int x, long y, double z, boolean flag) {}

    record Shape(String name, Color color, List<Point> points, Map<String, String> tags, byte[] blob, Integer maybe) {}

    record Holder(Point[] points) {}

    record Numbers(List<Integer> values) {}

    record Checked(int positive) {
        Checked {
            if (positive <= 0) {
                throw new IllegalArgumentException("positive must be positive, not " + positive);
            }
        }
    }

    static final class Opaque {
        final String secret;

        Opaque(String secret) {
            this.secret = secret;
        }
    }

    static final MessageSet SET = MessageSet.builder(7, "shapes")
            .records(Point.class, Shape.class, Holder.class, Numbers.class, Checked.class)
            .enumeration(Color.class)
            .type(Opaque.class, "1", new WireType<>() {
                @Override
                public void write(Opaque value, WireOutput out) {
                    out.writeString(value.secret);
                }

                @Override
                public Opaque read(WireInput in) {
                    return new Opaque(in.readString());
                }
            })
            .build();

    private final WireProtocol protocol = new WireProtocol().register(SET);

    private Object roundTrip(Object value) {
        return protocol.decode(ByteBuffer.wrap(protocol.encode(value)), null, BUDGET);
    }

    private Object decode(byte[] bytes) {
        return protocol.decode(ByteBuffer.wrap(bytes), null, BUDGET);
    }

    @Test
    void valuesAndRegisteredTypesComeBackEqual() {
        Shape shape = new Shape(
                "tri",
                Color.GREEN,
                List.of(new Point(-1, Long.MIN_VALUE, 2.5, true), new Point(Integer.MAX_VALUE, 7, -0.0, false)),
                Map.of("k", "v"),
                new byte[] {1, 2, 3},
                null);
        Shape copy = (Shape) roundTrip(shape);
        assertThat(copy.name()).isEqualTo("tri");
        assertThat(copy.color()).isEqualTo(Color.GREEN);
        assertThat(copy.points()).isEqualTo(shape.points());
        assertThat(copy.tags()).isEqualTo(Map.of("k", "v"));
        assertThat(copy.blob()).containsExactly(1, 2, 3);
        assertThat(copy.maybe()).isNull();

        List<Object> mixed = Arrays.asList(null, true, 42, 42L, "é", Color.RED, List.of());
        assertThat(roundTrip(mixed)).isEqualTo(mixed);
        Point[] points = {new Point(1, 2, 3, true), null};
        assertThat(((Holder) roundTrip(new Holder(points))).points()).containsExactly(points);
        assertThat(((Opaque) roundTrip(new Opaque("x"))).secret).isEqualTo("x");
    }

    @Test
    void aRegisteredTypeThatIsAlsoAMapKeepsItsOwnEncoding() {
        MessageSet set = MessageSet.builder(9, "props")
                .type(java.util.Properties.class, "1", new WireType<>() {
                    @Override
                    public void write(java.util.Properties value, WireOutput out) {
                        out.writeString(value.getProperty("k"));
                    }

                    @Override
                    public java.util.Properties read(WireInput in) {
                        java.util.Properties properties = new java.util.Properties();
                        properties.setProperty("k", in.readString());
                        return properties;
                    }
                })
                .build();
        WireProtocol withProperties = new WireProtocol().register(set);
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("k", "v");
        Object copy = withProperties.decode(ByteBuffer.wrap(withProperties.encode(properties)), null, BUDGET);
        assertThat(copy).isInstanceOf(java.util.Properties.class).isEqualTo(properties);
    }

    @Test
    void anUnregisteredClassCannotBeSent() {
        assertThatThrownBy(() -> protocol.encode(new StringBuilder("x")))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("java.lang.StringBuilder cannot be sent");
        assertThat(protocol.canEncode(new StringBuilder())).isFalse();
        assertThat(protocol.canEncode(new Point(1, 2, 3, true))).isTrue();
    }

    @Test
    void everyTruncationOfAMessageIsRefusedWithItsPosition() {
        byte[] whole = protocol.encode(
                new Shape("tri", Color.RED, List.of(new Point(1, 2, 3, true)), Map.of(), new byte[10], 5));
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> decode(cut)).isInstanceOf(WireFormatException.class);
        }
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThatThrownBy(() -> decode(longer)).hasMessageContaining("1 bytes beyond the message");
    }

    @Test
    void countsAndLengthsBeyondTheBytesThatRemainAreRefusedBeforeAnythingIsAllocated() {
        // No sets, then a LIST (tag 8) announcing 2^31 - 1 elements in a 7-byte message.
        byte[] list = {0, 8, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertThatThrownBy(() -> decode(list))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("a count of 2147483647 with 0 bytes left");
        // BYTES (tag 7) announcing 2 GiB.
        byte[] bytes = {0, 7, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1, 2};
        assertThatThrownBy(() -> decode(bytes)).hasMessageContaining("a count of 2147483647 with 2 bytes left");
        // A varint that never ends.
        byte[] endless = {0, 3, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};
        assertThatThrownBy(() -> decode(endless)).hasMessageContaining("a number longer than 5 bytes");
    }

    @Test
    void nestedListsThatEachClaimTheWholeMessageAllocateNoMoreThanItsBytes() {
        // 31 lists, each announcing as many elements as bytes remain, then a megabyte of nulls: every count fits
        // what remains, and an allocation per announced count would cost 31 times 4 bytes a byte.
        int padding = 1 << 20;
        ByteBuffer message = ByteBuffer.allocate(1 + 31 * 6 + padding);
        message.put((byte) 0);
        for (int level = 0; level < 31; level++) {
            int remaining = message.remaining() - 6;
            message.put((byte) 8);
            for (int value = remaining, i = 0; i < 5; i++, value >>>= 7) {
                message.put((byte) ((value & 0x7F) | (i < 4 ? 0x80 : 0)));
            }
        }
        byte[] bytes = message.array();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> decode(bytes))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("the message ends early");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // The innermost list holds a megabyte of nulls (4 or 8 bytes a reference, growing by half): a small multiple.
        assertThat(allocated).isLessThan(24L * padding);
    }

    @Test
    void nestingIsLimited() {
        Object deep = List.of();
        for (int i = 0; i < WireProtocol.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        byte[] bytes = protocol.encode(tooDeep);
        assertThatThrownBy(() -> decode(bytes)).hasMessageContaining("nested more than 32 deep");
        Object fine = ((List<?>) tooDeep).get(0);
        assertThat(roundTrip(fine)).isEqualTo(fine);
    }

    @Test
    void componentsMustBeOfTheirDeclaredTypesAndPassTheRecordsOwnChecks() {
        // The record's prefix (header of one set, then TYPED, set, index) followed by a list of an int and a string,
        // taken from the encoding of such a list on its own (after its empty header).
        byte[] numbers = protocol.encode(new Numbers(List.of(1, 2)));
        byte[] mixed = protocol.encode(List.of(1, "x"));
        int prefix = 1 + 5 + 3;
        byte[] message = new byte[prefix + mixed.length - 1];
        System.arraycopy(numbers, 0, message, 0, prefix);
        System.arraycopy(mixed, 1, message, prefix, mixed.length - 1);
        assertThatThrownBy(() -> decode(message))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("Numbers.values must be a java.util.List<java.lang.Integer>");

        byte[] valid = protocol.encode(new Checked(5));
        byte[] invalid = valid.clone();
        invalid[invalid.length - 1] = 0; // zig-zag 0 is 0
        assertThatThrownBy(() -> decode(invalid)).hasMessageContaining("positive must be positive, not 0");
    }

    @Test
    void aPeerOfAnotherSchemaOrWithoutTheSetIsRefusedByName() {
        MessageSet other = MessageSet.builder(7, "shapes").records(Point.class).build();
        assertThat(other.fingerprint()).isNotEqualTo(SET.fingerprint());
        byte[] theirs = new WireProtocol().register(other).encode(new Point(1, 2, 3, true));
        assertThatThrownBy(() -> decode(theirs))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("The peer's shapes messages (schema " + Integer.toHexString(other.fingerprint()))
                .hasMessageContaining("must run the same Ember version");
        byte[] ours = protocol.encode(new Point(1, 2, 3, true));
        assertThatThrownBy(() -> new WireProtocol().decode(ByteBuffer.wrap(ours), null, BUDGET))
                .hasMessageContaining("message set 7, which this process does not take");
        // A type reference to a set the header did not announce.
        byte[] sneaky = {0, 10, 7, 0};
        assertThatThrownBy(() -> decode(sneaky)).hasMessageContaining("which the header does not list");
    }

    @Test
    void enumsAndTypeIndexesOutOfRangeAreRefused() {
        byte[] green = protocol.encode(Color.GREEN);
        byte[] beyond = green.clone();
        beyond[beyond.length - 1] = 9;
        assertThatThrownBy(() -> decode(beyond)).hasMessageContaining("Color has no constant 9");
        byte[] noType = green.clone();
        noType[noType.length - 2] = 100;
        assertThatThrownBy(() -> decode(noType)).hasMessageContaining("shapes messages have no type 100");
    }

    @Test
    void mapsRefuseDuplicateKeysAndKeysThatAreNotPlainValues() {
        Map<Object, Object> map = new HashMap<>();
        map.put("a", 1);
        byte[] bytes = protocol.encode(List.of(map, map));
        assertThat(decode(bytes)).isEqualTo(List.of(map, map));
        byte[] duplicate = {0, 9, 2, 6, 1, 'a', 3, 2, 6, 1, 'a', 3, 4};
        assertThatThrownBy(() -> decode(duplicate)).hasMessageContaining("the key a twice in a map");
        byte[] listKey = {0, 9, 1, 8, 0, 0};
        assertThatThrownBy(() -> decode(listKey)).hasMessageContaining("a map key must be");
    }

    @Test
    void decodingStopsWhenItsTimeBudgetRunsOut() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add("value " + i);
        }
        byte[] bytes = protocol.encode(many);
        assertThat(decode(bytes)).isEqualTo(many);
        assertThatThrownBy(() -> protocol.decode(ByteBuffer.wrap(bytes), null, Duration.ofNanos(1)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("decoding took longer than its budget");
    }

    @Test
    void setsAreCheckedWhenRegistered() {
        assertThatThrownBy(() -> MessageSet.builder(1, "x").records(String.class))
                .hasMessageContaining("is not a record");
        assertThatThrownBy(() -> MessageSet.builder(1, "x").records(Point.class, Point.class))
                .hasMessageContaining("listed twice");
        record Small(short value) {}
        assertThatThrownBy(() -> MessageSet.builder(1, "x").records(Small.class))
                .hasMessageContaining("messages carry int, long, boolean and double");
        assertThatThrownBy(() -> new WireProtocol()
                        .register(SET)
                        .register(MessageSet.builder(7, "again").build()))
                .hasMessageContaining("has the id of");
        assertThatThrownBy(() -> MessageSet.builder(256, "x")).hasMessageContaining("0 to 255");
    }
}
