package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * An application run by a worker in cluster deploy mode: sums 1..100 on the cluster and writes the sum to
 * {@code args[0]}. With {@code args[1]}, its first attempt (when that marker file does not exist yet) creates the
 * marker and fails, as a driver that crashes would.
 */
public final class ClusterModeApp {
    private ClusterModeApp() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            Path marker = Path.of(args[1]);
            if (!Files.exists(marker)) {
                Files.createFile(marker);
                throw new IllegalStateException("the first attempt fails on purpose");
            }
        }
        try (EmberContext ctx = new EmberContext(new EmberConf())) {
            long sum = ctx.parallelize(IntStream.rangeClosed(1, 100).boxed().toList(), 4)
                    .map(x -> (long) x)
                    .reduce(Long::sum);
            Files.writeString(Path.of(args[0]), Long.toString(sum));
        }
    }
}
