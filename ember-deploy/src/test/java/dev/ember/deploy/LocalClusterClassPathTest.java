package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.util.FileUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors run in their own work directories, so a relative entry of {@code ember.executor.extraClassPath} reaches
 * them resolved against the driver's working directory.
 */
class LocalClusterClassPathTest {
    @TempDir
    Path temp;

    private EmberContext ctx;
    private Path relativeRoot;

    @AfterEach
    void stop() {
        if (ctx != null) {
            ctx.stop();
        }
        if (relativeRoot != null) {
            FileUtils.deleteRecursively(relativeRoot);
        }
    }

    @Test
    void aRelativeExtraClassPathEntryMeansTheDriversDirectory() throws Exception {
        Path source = temp.resolve("src/relative/Probe.java");
        Files.createDirectories(source.getParent());
        Files.writeString(
                source,
                "package relative; public class Probe { public static String probe(Object x) { return \"probe \" + x; } }");
        // Under the driver's working directory, named relatively: nowhere else has this class.
        relativeRoot = Path.of("target", "class-path-test-" + System.nanoTime());
        Path classes = relativeRoot.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "-d", classes.toString(), source.toString()))
                .isZero();
        assertThat(classes).isRelative();

        ctx = new EmberContext(new EmberConf(false)
                .setMaster("local-cluster[1,1,1024]")
                .setAppName(getClass().getSimpleName())
                .set("ember.task.maxFailures", "1")
                .set("ember.executor.extraClassPath", classes.toString()));
        List<String> probed = ctx.parallelize(List.of(1, 2), 2)
                .map(x -> (String) Class.forName(
                                "relative.Probe", true, Thread.currentThread().getContextClassLoader())
                        .getMethod("probe", Object.class)
                        .invoke(null, x))
                .collect();
        assertThat(probed).containsExactly("probe 1", "probe 2");
    }
}
