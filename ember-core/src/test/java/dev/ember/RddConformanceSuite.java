package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of the conformance suites: behaviour of the RDD API that every deployment mode must show. A concrete
 * class names the master URL; each test class gets one context, started before its first test and stopped after
 * its last, so a mode that is slow to start pays once per class.
 *
 * <p>Expected results are computed from the same input with plain Java collections. Functions passed to RDD
 * operations must not capture the test instance (it is not serializable): they use local variables and the static
 * helpers of this class only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RddConformanceSuite {
    /** How long a test waits for something asynchronous before it fails. */
    protected static final Duration WAIT = Duration.ofSeconds(30);

    protected EmberContext ctx;

    /** The master URL of the deployment mode under test. */
    protected abstract String master();

    /** The configuration of the suite's context; suites needing settings extend it. */
    protected EmberConf conf() {
        return new EmberConf(false).setMaster(master()).setAppName(getClass().getSimpleName());
    }

    /**
     * Whether tasks run in this JVM. Tests coordinate with tasks through {@link TaskGate}, which works either way;
     * this only tells what a test may expect of objects the tasks see.
     */
    protected boolean tasksRunInThisJvm() {
        return master().startsWith("local") && !master().startsWith("local-cluster");
    }

    @BeforeAll
    final void startContext() {
        ctx = new EmberContext(conf());
    }

    @AfterAll
    final void stopContext() {
        if (ctx != null) {
            ctx.stop();
            assertThat(ctx.isStopped()).isTrue();
            assertThat(EmberContext.getActive()).isEmpty();
        }
    }

    // ---- data ----

    /** {@code 0, 1, ..., count - 1}. */
    protected static List<Integer> integers(int count) {
        return IntStream.range(0, count).boxed().collect(Collectors.toCollection(ArrayList::new));
    }

    /** Words with repetitions, in a fixed pseudo-random order. */
    protected static List<String> words(int count) {
        String[] vocabulary = {"apple", "pear", "fig", "kiwi", "plum", "lime", "date", "yuzu", "sloe", "quince"};
        List<String> words = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            words.add(vocabulary[(i * 7 + i / 3) % vocabulary.length]);
        }
        return words;
    }

    /** Pairs {@code (i % keys, i)} for {@code i < count}. */
    protected static List<Pair<Integer, Integer>> keyedIntegers(int count, int keys) {
        List<Pair<Integer, Integer>> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pairs.add(Pair.of(i % keys, i));
        }
        return pairs;
    }

    // ---- expected results in plain Java ----

    /** The values of each key, in input order. */
    protected static <K, V> Map<K, List<V>> groupLocally(Collection<Pair<K, V>> pairs) {
        Map<K, List<V>> groups = new HashMap<>();
        for (Pair<K, V> pair : pairs) {
            groups.computeIfAbsent(pair.key(), ignored -> new ArrayList<>()).add(pair.value());
        }
        return groups;
    }

    /** Applies {@code function} to each value of a map. */
    protected static <K, V, W> Map<K, W> mapValuesLocally(Map<K, V> map, Function<V, W> function) {
        Map<K, W> result = new HashMap<>();
        map.forEach((key, value) -> result.put(key, function.apply(value)));
        return result;
    }

    /** Turns grouped pairs into a map from key to sorted values, for order-insensitive comparison. */
    protected static <K, V extends Comparable<? super V>> Map<K, List<V>> sortedGroups(
            Collection<Pair<K, Iterable<V>>> groups) {
        Map<K, List<V>> result = new HashMap<>();
        for (Pair<K, Iterable<V>> group : groups) {
            List<V> values = new ArrayList<>();
            group.value().forEach(values::add);
            values.sort(null);
            assertThat(result.put(group.key(), values))
                    .as("key %s appears once", group.key())
                    .isNull();
        }
        return result;
    }

    // ---- errors and waiting ----

    /** Runs {@code call}, which must fail with an {@link EmberException} (itself, or in its cause chain). */
    protected static EmberException emberError(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call must fail").isNotNull();
        return emberErrorIn(thrown);
    }

    /** The first {@link EmberException} in the cause chain of {@code thrown}. */
    protected static EmberException emberErrorIn(Throwable thrown) {
        for (Throwable current = thrown; current != null; current = current.getCause()) {
            if (current instanceof EmberException ember) {
                return ember;
            }
        }
        throw new AssertionError("No EmberException in the cause chain of " + thrown, thrown);
    }

    /** All messages of the cause chain of {@code error}, one per line. */
    protected static String errorMessages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable current = error; current != null; current = current.getCause()) {
            messages.append(current.getMessage()).append('\n');
        }
        return messages.toString();
    }

    /** The error classes of the {@link EmberException}s in the cause chain of {@code error}, outermost first. */
    protected static List<ErrorClass> errorClasses(Throwable error) {
        List<ErrorClass> classes = new ArrayList<>();
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof EmberException ember) {
                classes.add(ember.errorClass());
            }
        }
        return classes;
    }

    /** The first {@code type} in the cause chain of {@code thrown}. */
    protected static <E extends Throwable> E causeOfType(Throwable thrown, Class<E> type) {
        for (Throwable current = thrown; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        throw new AssertionError("No " + type.getName() + " in the cause chain of " + thrown, thrown);
    }

    /**
     * Waits until {@code condition}, a question about what the status tracker reports, holds: it is checked again
     * after every scheduler event. Fails after {@link #WAIT}.
     */
    protected void awaitCondition(String description, BooleanSupplier condition) {
        StatusWaiter.await(ctx, WAIT, description, condition);
    }
}
