package dev.ember.executor;

import dev.ember.EmberConf;
import dev.ember.function.Function;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;
import dev.ember.util.ThreadUtils;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, on a background thread, what every first job of a JVM would otherwise wait for, in the order that job
 * needs it: Java serialization of tasks and their lambdas, then the JVM statistics beans behind task metrics.
 *
 * <p>Started once per JVM and as early as it can be: by a driver's context before anything else (in local mode
 * its tasks run in the same JVM, and the second core is otherwise idle while the main thread builds the context),
 * and by an executor process as its executor starts. Nothing waits for it; whatever it has not reached yet, the
 * first task loads itself.
 *
 * <p>The data serializer is left out on purpose: a job that neither shuffles nor returns more than a number or a
 * short string never needs it ({@link DirectTaskResult}), and on two cores building a Kryo instance in the
 * background slowed the start of such jobs down more than it sped up the others.
 */
public final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private WarmUp() {}

    /** Starts the warm-up unless this JVM started it already; {@code runsTasks} adds what only tasks need. */
    public static void start(EmberConf conf, boolean runsTasks) {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        ThreadUtils.newThread("ember-warm-up", true, () -> run(conf, runsTasks)).start();
    }

    private static void run(EmberConf conf, boolean runsTasks) {
        try {
            SerializerInstance closures = new JavaSerializer(conf).newInstance();
            Function<Long, Long> increment = value -> value + 1;
            closures.deserialize(closures.serialize(List.of(increment, 1L)));
            if (runsTasks) {
                JvmStats.threads();
                JvmStats.garbageCollectors();
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Warm-up failed; the first job will load what it needs itself", e);
        }
    }
}
