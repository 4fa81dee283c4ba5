package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.network.rpc.KeyStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local cluster with authentication and mutual TLS on every connection: driver, master, workers and executor
 * processes. The executors get the secret and the key store passwords from their worker's environment, never on
 * their command lines.
 */
class LocalClusterSecurityTest {
    @TempDir
    Path temp;

    @Test
    void jobsRunWithAuthenticationAndTlsBetweenEveryProcess() throws Exception {
        Path stores = KeyStores.create(temp, "cluster");
        EmberConf conf = new EmberConf(false)
                .setMaster("local-cluster[2,1,512]")
                .setAppName(getClass().getSimpleName())
                .set("ember.authenticate", "true")
                .set("ember.authenticate.secret", "local-cluster-secret")
                .set("ember.ssl.enabled", "true")
                .set("ember.ssl.keyStore", stores.resolve("keystore.p12").toString())
                .set("ember.ssl.keyStorePassword", KeyStores.PASSWORD)
                .set("ember.ssl.keyPassword", KeyStores.PASSWORD)
                .set("ember.ssl.trustStore", stores.resolve("truststore.p12").toString())
                .set("ember.ssl.trustStorePassword", KeyStores.PASSWORD);
        try (EmberContext ctx = new EmberContext(conf)) {
            Map<Integer, Long> counts = new TreeMap<>(
                    ctx.parallelize(IntStream.range(0, 20_000).boxed().toList(), 4)
                            .mapToPair(x -> new dev.ember.Pair<>(x % 13, 1L))
                            .reduceByKey(Long::sum, 3)
                            .collectAsMap());
            assertThat(counts)
                    .isEqualTo(new TreeMap<>(IntStream.range(0, 20_000)
                            .boxed()
                            .collect(Collectors.groupingBy(x -> x % 13, Collectors.counting()))));
            LocalCluster cluster = ((StandaloneSchedulerBackend)
                            dev.ember.internal.ContextInternals.schedulerBackend(ctx))
                    .localCluster();
            for (Worker worker : cluster.workers()) {
                for (long pid : worker.executorPids()) {
                    List<String> arguments = ProcessHandle.of(pid)
                            .flatMap(handle -> handle.info().arguments())
                            .map(List::of)
                            .orElse(List.of());
                    assertThat(String.join(" ", arguments))
                            .contains("ember.ssl.keyStore=")
                            .doesNotContain(KeyStores.PASSWORD)
                            .doesNotContain("local-cluster-secret");
                }
            }
        }
    }
}
