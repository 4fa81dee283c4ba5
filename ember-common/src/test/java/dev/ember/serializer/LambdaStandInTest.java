package dev.ember.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LambdaStandInTest {
    private final SerializerInstance java = new JavaSerializer(new EmberConf(false)).newInstance();

    interface SerializableFunction<A, B> extends Function<A, B>, Serializable {}

    /** Two fields holding one lambda, and a lambda capturing another. */
    static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        SerializableFunction<Integer, Integer> first;
        SerializableFunction<Integer, Integer> second;
        SerializableFunction<Integer, String> composed;
    }

    @Test
    void lambdasWithCapturedValuesComeBackWorkingAndSharedOnesStayShared() {
        int offset = 5;
        List<Integer> factors = List.of(2, 3);
        SerializableFunction<Integer, Integer> scale = value -> (value + offset) * factors.get(1);
        SerializableFunction<Integer, String> describe = value -> "=" + scale.apply(value);
        Holder holder = new Holder();
        holder.first = scale;
        holder.second = scale;
        holder.composed = describe;

        Holder copy = java.deserialize(java.serialize(holder));

        assertThat(copy.first.apply(1)).isEqualTo(18);
        assertThat(copy.second).isSameAs(copy.first);
        assertThat(copy.composed.apply(2)).isEqualTo("=21");
        SerializableFunction<String, Integer> length = String::length;
        SerializableFunction<String, Integer> lengthCopy = java.deserialize(java.serialize(length));
        assertThat(lengthCopy.apply("four")).isEqualTo(4);
    }

    @Test
    void noObjectArrayIsWrittenForALambda() {
        String capturedText = "captured";
        SerializableFunction<String, String> append = value -> value + capturedText;
        byte[] bytes = java.serialize(append);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .contains(JavaSerializer.LambdaStandIn.class.getName())
                .doesNotContain("[Ljava.lang.Object;");
        SerializableFunction<String, String> copy = java.deserialize(bytes);
        assertThat(copy.apply("x")).isEqualTo("xcaptured");
    }

    @Test
    void theJdksOwnWayGivesTheSameLambda() throws Exception {
        int captured = 7;
        SerializableFunction<Integer, Integer> add = value -> value + captured;
        Method writeReplace = add.getClass().getDeclaredMethod("writeReplace");
        writeReplace.setAccessible(true);
        JavaSerializer.LambdaStandIn standIn =
                new JavaSerializer.LambdaStandIn((SerializedLambda) writeReplace.invoke(add));
        SerializedLambda rebuilt = standIn.toSerializedLambda(LambdaStandInTest.class);
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> viaJdk =
                (SerializableFunction<Integer, Integer>) JavaSerializer.LambdaStandIn.restoreThroughJdk(
                        rebuilt, getClass().getClassLoader(), null);
        assertThat(viaJdk.apply(1)).isEqualTo(8);
    }

    @Test
    void aLambdaWhoseClassIsMissingIsRefusedWithItsName() throws Exception {
        SerializableFunction<Integer, Integer> twice = value -> value * 2;
        byte[] bytes = java.serialize(twice);
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> java.deserialize(bytes, 0, bytes.length, empty))
                    .isInstanceOf(EmberException.class)
                    .satisfies(error -> assertThat(((EmberException) error).errorClass())
                            .isEqualTo(ErrorClass.SERIALIZATION_FAILED))
                    .hasMessageContaining(LambdaStandInTest.class.getName());
        }
    }
}
