package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.StorageLevel;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.network.wire.WireProtocol;
import dev.ember.scheduler.cluster.ClusterWire;
import dev.ember.shuffle.MapStatus;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every record of Ember's message sets, filled with a value of each component's type, comes back from the wire
 * equal: no message of the cluster's protocol has a component the format cannot carry or that its reader rebuilds
 * differently.
 */
class MessageSetsTest {
    private final RpcEnv env = RpcEnv.create(new EmberConf(false), "127.0.0.1", "127.0.0.1", 0);
    private final WireProtocol protocol = new WireProtocol()
            .register(RpcEnv.MESSAGES)
            .register(ClusterWire.MESSAGES)
            .register(DeployMessages.WIRE);

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void everyMessageOfTheClusterAndDeploySetsRoundTrips() throws Exception {
        int checked = 0;
        for (Class<?> holder : List.of(DeployMessages.class, dev.ember.scheduler.cluster.ClusterMessages.class)) {
            for (Class<?> type : holder.getDeclaredClasses()) {
                if (!type.isRecord()) {
                    continue;
                }
                Object message = sample(type);
                // Endpoint references are read back bound to the receiving environment, as in a message.
                Object copy = protocol.decode(ByteBuffer.wrap(protocol.encode(message)), env, Duration.ofSeconds(5));
                assertThat(describe(copy)).as(type.getSimpleName()).isEqualTo(describe(message));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(ClusterWire.MESSAGES.fingerprint()).isNotEqualTo(DeployMessages.WIRE.fingerprint());
    }

    private Object sample(Type type) throws Exception {
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (parameterized.getRawType() == List.class) {
                return List.of(sample(arguments[0]));
            }
            return Map.of(sample(arguments[0]), sample(arguments[1]));
        }
        Class<?> plain = (Class<?>) type;
        if (plain == int.class || plain == Integer.class) {
            return 3;
        }
        if (plain == long.class || plain == Long.class) {
            return 4L;
        }
        if (plain == boolean.class || plain == Boolean.class) {
            return true;
        }
        if (plain == double.class || plain == Double.class) {
            return 2.5;
        }
        if (plain == String.class) {
            return "text";
        }
        if (plain == byte[].class) {
            return new byte[] {1, 2, 3};
        }
        if (plain.isEnum()) {
            return plain.getEnumConstants()[plain.getEnumConstants().length - 1];
        }
        if (plain == RpcEndpointRef.class) {
            return env.unverifiedRef(new RpcAddress("127.0.0.1", 7077), "Somewhere");
        }
        if (plain == MapStatus.class) {
            return MapStatus.of(new BlockManagerId("1", "127.0.0.1", 5), new long[] {0, 10, 1000}, 7);
        }
        if (plain == MapStatus[].class) {
            return new MapStatus[] {(MapStatus) sample(MapStatus.class), null};
        }
        if (plain == StorageLevel.class) {
            return StorageLevel.MEMORY_AND_DISK_SER_2;
        }
        if (plain == BlockId.class) {
            return new BlockId.RddBlockId(2, 3);
        }
        if (plain == BlockId.TaskResultBlockId.class) {
            return new BlockId.TaskResultBlockId(9);
        }
        if (plain == UUID.class) {
            return new UUID(1, 2);
        }
        if (plain == Properties.class) {
            Properties properties = new Properties();
            properties.setProperty("ember.job.description", "a job");
            return properties;
        }
        if (plain.isRecord()) {
            RecordComponent[] components = plain.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = sample(components[i].getGenericType());
                types[i] = components[i].getType();
            }
            var constructor = plain.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        }
        throw new AssertionError("no sample for " + type.getTypeName());
    }

    /** A value's contents as text: records component by component, arrays element by element. */
    private static String describe(Object value) throws Exception {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return Arrays.toString(bytes);
        }
        if (value.getClass().isArray()) {
            List<String> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(describe(Array.get(value, i)));
            }
            return elements.toString();
        }
        if (value instanceof List<?> list) {
            List<String> elements = new ArrayList<>();
            for (Object element : list) {
                elements.add(describe(element));
            }
            return elements.toString();
        }
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                entries.add(describe(entry.getKey()) + "=" + describe(entry.getValue()));
            }
            entries.sort(null);
            return entries.toString();
        }
        if (value instanceof MapStatus status) {
            return status + Arrays.toString(status.compressedSizes());
        }
        if (value.getClass().isRecord()) {
            StringBuilder text = new StringBuilder(value.getClass().getSimpleName()).append('(');
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                text.append(component.getName())
                        .append('=')
                        .append(describe(accessor.invoke(value)))
                        .append(',');
            }
            return text.append(')').toString();
        }
        return value.getClass().getSimpleName() + ":" + value;
    }
}
