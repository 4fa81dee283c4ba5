package dev.ember.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class EmberConfTest {
    @Test
    void typedEntriesParseTheirValuesAndFallBackToDefaults() {
        EmberConf conf = new EmberConf(false);
        assertThat(conf.get(CommonConfig.KRYO_BUFFER)).isEqualTo(64 * 1024L);
        conf.set("ember.kryoserializer.buffer", "2m");
        assertThat(conf.get(CommonConfig.KRYO_BUFFER)).isEqualTo(2L << 20);
        conf.set("ember.kryoserializer.buffer", "100");
        assertThat(conf.get(CommonConfig.KRYO_BUFFER))
                .as("bare numbers take the entry's unit (KiB)")
                .isEqualTo(100 * 1024L);
        conf.set(CommonConfig.KRYO_REFERENCE_TRACKING, false);
        assertThat(conf.get(CommonConfig.KRYO_REFERENCE_TRACKING)).isFalse();
        assertThat(conf.get(CommonConfig.JARS)).isEmpty();
        conf.set("ember.jars", " a.jar, ,b.jar ");
        assertThat(conf.get(CommonConfig.JARS)).containsExactly("a.jar", "b.jar");
    }

    @Test
    void aBadValueNamesTheKeyTheValueAndWhereItWasSet() {
        EmberConf conf = new EmberConf(false).set("ember.kryo.referenceTracking", "maybe", "--conf");
        assertThatThrownBy(() -> conf.get(CommonConfig.KRYO_REFERENCE_TRACKING))
                .isInstanceOf(EmberException.class)
                .satisfies(error ->
                        assertThat(((EmberException) error).errorClass()).isEqualTo(ErrorClass.INVALID_CONFIG_VALUE))
                .hasMessageContaining("ember.kryo.referenceTracking")
                .hasMessageContaining("'maybe'")
                .hasMessageContaining("set in --conf")
                .hasMessageContaining("true or false");
    }

    @Test
    void rulesOnValuesAreEnforced() {
        EmberConf conf = new EmberConf(false).set("ember.io.compression.lz4.blockSize", "4g");
        assertThatThrownBy(() -> conf.get(CommonConfig.LZ4_BLOCK_SIZE))
                .hasMessageContaining("must be between 64b and 32m");
    }

    @Test
    void rangeRulesIncludeOrExcludeTheirBoundsAsDeclared() {
        // [64b, 32m]: both bounds included.
        assertThat(new EmberConf(false)
                        .set("ember.io.compression.lz4.blockSize", "64b")
                        .get(CommonConfig.LZ4_BLOCK_SIZE))
                .isEqualTo(64L);
        assertThat(new EmberConf(false)
                        .set("ember.io.compression.lz4.blockSize", "32m")
                        .get(CommonConfig.LZ4_BLOCK_SIZE))
                .isEqualTo(32L << 20);
        for (String outside : List.of("63b", "33554433b")) {
            EmberConf conf = new EmberConf(false).set("ember.io.compression.lz4.blockSize", outside);
            assertThatThrownBy(() -> conf.get(CommonConfig.LZ4_BLOCK_SIZE))
                    .as(outside)
                    .hasMessageContaining("must be between 64b and 32m");
        }
        // (0, 2g): both bounds excluded.
        assertThat(new EmberConf(false).set("ember.kryoserializer.buffer", "1b").get(CommonConfig.KRYO_BUFFER))
                .isEqualTo(1L);
        for (String outside : List.of("0", "2g")) {
            EmberConf conf = new EmberConf(false).set("ember.kryoserializer.buffer", outside);
            assertThatThrownBy(() -> conf.get(CommonConfig.KRYO_BUFFER))
                    .as(outside)
                    .hasMessageContaining("must be between 1b and 2g");
        }
    }

    /** Entries for this test only, declared once per JVM like every entry. */
    private static final class Ranges {
        static final ConfigEntry<Integer> POSITIVE = ConfigEntry.key("ember.test.ranges.positive")
                .intConf()
                .positive()
                .defaultValue(1);
        static final ConfigEntry<Long> NON_NEGATIVE = ConfigEntry.key("ember.test.ranges.nonNegative")
                .longConf()
                .nonNegative()
                .defaultValue(0L);
        static final ConfigEntry<Double> AT_LEAST = ConfigEntry.key("ember.test.ranges.atLeast")
                .doubleConf()
                .atLeast(1.5, "at least 1.5")
                .defaultValue(2.0);
    }

    @Test
    void positiveNonNegativeAndAtLeastRules() {
        assertThat(new EmberConf(false).set(Ranges.POSITIVE.key(), "1").get(Ranges.POSITIVE))
                .isEqualTo(1);
        assertThatThrownBy(() ->
                        new EmberConf(false).set(Ranges.POSITIVE.key(), "0").get(Ranges.POSITIVE))
                .hasMessageContaining("must be positive");
        assertThat(new EmberConf(false).set(Ranges.NON_NEGATIVE.key(), "0").get(Ranges.NON_NEGATIVE))
                .isZero();
        assertThatThrownBy(() -> new EmberConf(false)
                        .set(Ranges.NON_NEGATIVE.key(), "-1")
                        .get(Ranges.NON_NEGATIVE))
                .hasMessageContaining("must be non-negative");
        assertThat(new EmberConf(false).set(Ranges.AT_LEAST.key(), "1.5").get(Ranges.AT_LEAST))
                .isEqualTo(1.5);
        assertThatThrownBy(() ->
                        new EmberConf(false).set(Ranges.AT_LEAST.key(), "1.49").get(Ranges.AT_LEAST))
                .hasMessageContaining("must be at least 1.5");
    }

    @Test
    void validateReportsUnknownKeysWithSuggestionsAndFailsOnBadValues() {
        EmberConf typo =
                new EmberConf(false).set("ember.kryo.referenceTrackin", "true").set("ember.unrelated.thing", "1");
        List<String> warnings = typo.validate();
        assertThat(warnings).anySatisfy(warning -> assertThat(warning)
                .contains("ember.kryo.referenceTrackin")
                .contains("did you mean ember.kryo.referenceTracking"));
        assertThat(warnings)
                .anySatisfy(warning ->
                        assertThat(warning).contains("ember.unrelated.thing").doesNotContain("did you mean"));

        EmberConf bad = new EmberConf(false).set("ember.kryoserializer.buffer.max", "lots");
        assertThatThrownBy(bad::validate).hasMessageContaining("ember.kryoserializer.buffer.max");
    }

    @Test
    void systemPropertiesAreLoadedOnlyWhenAsked() {
        System.setProperty("ember.test.fromSystem", "yes");
        try {
            assertThat(new EmberConf().get("ember.test.fromSystem")).isEqualTo("yes");
            assertThat(new EmberConf().originOf("ember.test.fromSystem")).contains("system property");
            assertThat(new EmberConf(false).contains("ember.test.fromSystem")).isFalse();
        } finally {
            System.clearProperty("ember.test.fromSystem");
        }
    }

    @Test
    void accessorsCloneAndSecrets() {
        EmberConf conf =
                new EmberConf(false).setMaster("local[2]").setAppName("app").set("ember.auth.secret", "hunter2");
        assertThat(conf.get("ember.master")).isEqualTo("local[2]");
        assertThat(conf.get("ember.missing", "fallback")).isEqualTo("fallback");
        assertThat(conf.getOption("ember.missing")).isEmpty();
        assertThatThrownBy(() -> conf.get("ember.missing")).isInstanceOf(NoSuchElementException.class);
        assertThat(conf.getInt("ember.nothing", 7)).isEqualTo(7);
        conf.set("ember.number", "12");
        assertThat(conf.getLong("ember.number", 0)).isEqualTo(12);
        conf.set("ember.flag", "yes");
        assertThatThrownBy(() -> conf.getBoolean("ember.flag", false)).hasMessageContaining("true or false");

        EmberConf copy = conf.clone();
        copy.set("ember.master", "local");
        assertThat(conf.get("ember.master")).isEqualTo("local[2]");
        assertThat(conf.toDebugString()).contains("ember.master=local[2]").doesNotContain("hunter2");
        assertThat(conf.getAllWithPrefix("ember.app.")).containsEntry("name", "app");
    }

    @Test
    void nullKeysAndValuesAreRejectedClearly() {
        EmberConf conf = new EmberConf(false);
        assertThatThrownBy(() -> conf.set((String) null, "x")).hasMessageContaining("key is null or blank");
        assertThatThrownBy(() -> conf.set("ember.x", (String) null)).hasMessageContaining("ember.x is null");
    }

    @Test
    void entriesAreDeclaredOnceAndFoundThroughProviders() {
        assertThat(ConfigRegistry.find("ember.serializer")).isPresent();
        assertThatThrownBy(
                        () -> ConfigEntry.key("ember.serializer").stringConf().defaultValue("java"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> ConfigEntry.key("spark.master")).hasMessageContaining("start with 'ember.'");
    }
}
