package dev.ember.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Client code that exists nowhere on the server's class path: a class compiled while the test runs into a directory
 * of its own and loaded by a loader of its own, as a user's application would be. Its RDD job can only run on the
 * server if the client shipped its classes.
 */
final class GeneratedJobs {
    private GeneratedJobs() {}

    /** The word count of {@code gen.WordJob}, whose results end with {@code version}. */
    static String source(String version) {
        return """
                package gen;

                import dev.ember.Pair;
                import dev.ember.connect.client.EmberConnect;
                import java.util.ArrayList;
                import java.util.Arrays;
                import java.util.Collections;
                import java.util.List;

                public class WordJob {
                    /** A key of the client's own class, so that the shuffle carries it between executors. */
                    public record Word(String text) implements java.io.Serializable {}

                    public static List<String> run(EmberConnect ember, List<String> lines) {
                        List<String> counts = new ArrayList<>(ember.parallelize(lines, 3)
                                .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                                .mapToPair(word -> Pair.of(new Word(word), 1))
                                .reduceByKey(Integer::sum, 2)
                                .map(pair -> pair.key().text() + "=" + pair.value() + "@%s")
                                .collect());
                        Collections.sort(counts);
                        return counts;
                    }
                }
                """
                .formatted(version);
    }

    /** Compiles {@link #source} into {@code dir}; a loader over it (and this test's class path) runs it. */
    static URLClassLoader compile(Path dir, String version) throws IOException {
        Path classes = javac(dir, "WordJob", source(version));
        return new URLClassLoader(
                "generated-" + version, new URL[] {classes.toUri().toURL()}, GeneratedJobs.class.getClassLoader());
    }

    /** Compiles the class {@code name} of package gen from {@code source} into {@code dir}/classes; returns that. */
    private static Path javac(Path dir, String name, String source) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/gen"));
        Path file = Files.writeString(sources.resolve(name + ".java"), source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                file.toString());
        assertThat(status).as("javac of " + name).isZero();
        return classes;
    }

    /** Compiles one class of {@code source} (its simple name {@code name}, package gen) into a jar in {@code dir}. */
    static Path jar(Path dir, String name, String source) throws IOException {
        Path classes = javac(dir, name, source);
        Path jar = dir.resolve(name.toLowerCase(java.util.Locale.ROOT) + ".jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                var walk = Files.walk(classes)) {
            for (Path entry : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(
                        classes.relativize(entry).toString().replace(java.io.File.separatorChar, '/')));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Runs {@code gen.WordJob.run} of {@code loader} with that loader as the thread's context loader. */
    @SuppressWarnings("unchecked")
    static List<String> run(ClassLoader loader, Object ember, List<String> lines) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> job = Class.forName("gen.WordJob", true, loader);
            return (List<String>) job.getMethod("run", dev.ember.connect.client.EmberConnect.class, List.class)
                    .invoke(null, ember, lines);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
