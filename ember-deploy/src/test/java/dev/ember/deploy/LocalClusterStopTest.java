package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Stopping a {@code local-cluster} context is a normal end: nothing in the driver's JVM warns about it. */
class LocalClusterStopTest {
    @Test
    void aCleanStopLogsNoWarnings() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger ember = Logger.getLogger("dev.ember");
        EmberContext ctx = new EmberContext(
                new EmberConf(false).setMaster("local-cluster[2,1,512]").setAppName("clean-stop"));
        try {
            long sum = ctx.parallelize(IntStream.range(0, 1000).boxed().toList(), 4)
                    .mapToPair(x -> dev.ember.Pair.of(x % 10, (long) x))
                    .reduceByKey(Long::sum, 2)
                    .values()
                    .reduce(Long::sum);
            assertThat(sum).isEqualTo(499_500L);
            ember.addHandler(recorder);
            ctx.stop();
        } finally {
            ember.removeHandler(recorder);
            ctx.stop();
        }
        assertThat(warnings).isEmpty();
    }
}
