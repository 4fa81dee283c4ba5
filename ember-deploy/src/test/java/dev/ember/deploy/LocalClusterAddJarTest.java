package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What executors fetch from the driver while an application runs: jars added with {@code addJar}, and the classes an
 * interpreter compiled (by name only).
 */
class LocalClusterAddJarTest {
    @TempDir
    Path temp;

    private EmberContext ctx;

    @AfterEach
    void stop() {
        if (ctx != null) {
            ctx.stop();
        }
    }

    /** Compiles a class that exists nowhere else into a jar. */
    private Path jarWithGreeter() throws Exception {
        Path source = temp.resolve("src/added/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(
                source,
                "package added; public class Greeter { public static String greet(Object x) { return \"hi \" + x; } }");
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "-d", classes.toString(), source.toString()))
                .isZero();
        Path jar = temp.resolve("greeter.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("added/Greeter.class"));
            out.write(Files.readAllBytes(classes.resolve("added/Greeter.class")));
            out.closeEntry();
        }
        return jar;
    }

    private List<String> greetOnExecutors() {
        return ctx.parallelize(List.of(1, 2, 3, 4), 4)
                .map(x -> (String) Class.forName(
                                "added.Greeter", true, Thread.currentThread().getContextClassLoader())
                        .getMethod("greet", Object.class)
                        .invoke(null, x))
                .collect();
    }

    @Test
    void executorsLoadClassesOfAJarAddedWhileTheApplicationRuns() throws Exception {
        ctx = new EmberContext(new EmberConf(false)
                .setMaster("local-cluster[2,1,1024]")
                .setAppName(getClass().getSimpleName())
                .set("ember.task.maxFailures", "1"));
        assertThatThrownBy(this::greetOnExecutors).hasMessageContaining("added.Greeter");

        Path jar = jarWithGreeter();
        ctx.addJar(jar.toString());
        ctx.addJar(jar.toString()); // again: nothing more

        assertThat(greetOnExecutors()).containsExactly("hi 1", "hi 2", "hi 3", "hi 4");
        assertThat(ctx.addedJars()).containsExactly(jar.toAbsolutePath().toString());

        Path other = Files.createDirectories(temp.resolve("other")).resolve("greeter.jar");
        Files.copy(jar, other);
        assertThatThrownBy(() -> ctx.addJar(other.toString())).hasMessageContaining("already");
        Path notAJar = temp.resolve("notes.txt");
        try (OutputStream out = Files.newOutputStream(notAJar)) {
            out.write("x".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> ctx.addJar(notAJar.toString())).hasMessageContaining("is not a jar file");
    }

    @Test
    void theDriverServesAnInterpretersClassesByNameOnly() throws Exception {
        Path classes = Files.createDirectories(temp.resolve("repl-classes/REPL"));
        Files.write(classes.resolve("Cell$1.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2});
        ctx = new EmberContext(new EmberConf(false)
                .setMaster("local-cluster[1,1,1024]")
                .setAppName(getClass().getSimpleName())
                .set("ember.repl.class.outputDir", temp.resolve("repl-classes").toString()));
        dev.ember.storage.BlockManagerId driver =
                dev.ember.internal.ContextInternals.env(ctx).blockManager().blockManagerId();
        dev.ember.network.rpc.RpcAddress address = new dev.ember.network.rpc.RpcAddress(driver.host(), driver.port());
        try (dev.ember.network.rpc.RpcEnv client =
                dev.ember.network.rpc.RpcEnv.create(ctx.conf(), "127.0.0.1", "127.0.0.1", 0)) {
            Path fetched = temp.resolve("fetched.class");
            long size = dev.ember.storage.RpcBlockTransferService.streamToFile(
                            client, address, "class/REPL.Cell$1", fetched)
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(size).isEqualTo(4);
            for (String bad : List.of("class/../../etc/passwd", "class/REPL/Cell$1", "class/", "class/No.Such")) {
                assertThatThrownBy(() -> dev.ember.storage.RpcBlockTransferService.streamToFile(
                                        client, address, bad, temp.resolve("bad.class"))
                                .get(60, java.util.concurrent.TimeUnit.SECONDS))
                        .as(bad)
                        .hasMessageContaining("class");
            }
        }
        // The executors still run tasks.
        assertThat(ctx.parallelize(List.of(1, 2, 3), 3).count()).isEqualTo(3);
    }
}
