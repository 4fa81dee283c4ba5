package dev.ember.network.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.rpc.RpcEnvTest.Echo;
import dev.ember.network.rpc.RpcEnvTest.Ignore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An RPC environment in another JVM: asks cross a real process boundary, and a killed peer fails what waits. */
class CrossProcessRpcTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The other process: an environment with the reversing endpoint, printing its port, until killed. */
    public static final class Peer {
        public static void main(String[] args) throws Exception {
            RpcEnv env = RpcEnvTest.create(RpcEnvTest.conf());
            env.setupEndpoint("reverser", new RpcEnvTest.Reverser());
            System.out.println("PORT " + env.address().port());
            System.out.flush();
            // Lives until the test kills it or closes its input.
            System.in.read();
            env.close();
        }
    }

    @Test
    void asksAnotherJvmAndFailsFastWhenItIsKilled() throws Exception {
        Process peer = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Peer.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (RpcEnv env = RpcEnvTest.create(RpcEnvTest.conf())) {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String announced = line.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(announced).startsWith("PORT ");
            RpcAddress address = new RpcAddress(
                    "127.0.0.1", Integer.parseInt(announced.substring(5).trim()));
            RpcEndpointRef remote = env.endpointRef(address, "reverser");
            assertThat(remote.<String>askSync(new Echo("process"), WAIT)).isEqualTo("ssecorp");

            CompletableFuture<Object> waiting = remote.ask(new Ignore(), WAIT);
            peer.destroyForcibly();
            assertThat(peer.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThatThrownBy(() -> waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(((EmberException) e.getCause()).errorClass())
                            .isEqualTo(ErrorClass.CONNECTION_FAILED));
            assertThatThrownBy(() -> remote.askSync(new Echo("gone"), WAIT)).isInstanceOf(EmberException.class);
        } finally {
            peer.destroyForcibly();
        }
    }
}
