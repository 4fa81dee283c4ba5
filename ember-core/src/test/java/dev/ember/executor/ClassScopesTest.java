package dev.ember.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job class scopes on an executor: one loader per scope, and no loader closed while its tasks run. */
class ClassScopesTest {
    private static Properties job(String scope, Path jar) {
        Properties properties = new Properties();
        properties.setProperty(ClassScopes.SCOPE_PROPERTY, scope);
        properties.setProperty(ClassScopes.JARS_PROPERTY, jar.toString());
        return properties;
    }

    private static Path emptyJar(Path dir, String name) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.flush();
        }
        return jar;
    }

    @Test
    void scopesOverTheLimitCloseOnlyWhenNoTaskRunsInThem(@TempDir Path dir) throws IOException {
        ClassLoader base = getClass().getClassLoader();
        ClassScopes scopes = new ClassScopes(1);
        Path jar = emptyJar(dir, "a.jar");
        assertThat(scopes.loaderFor(new Properties(), base, Path::of)).isSameAs(base);

        ClassLoader a = scopes.loaderFor(job("a", jar), base, Path::of);
        assertThat(a).isNotSameAs(base);
        assertThat(a.getParent()).isSameAs(base);
        assertThat(scopes.loaderFor(job("a", jar), base, Path::of)).isSameAs(a);
        scopes.done(a);

        // "a" still has a task running: a second scope goes past the limit rather than close it.
        ClassLoader b = scopes.loaderFor(job("b", jar), base, Path::of);
        assertThat(scopes.scopes()).containsExactlyInAnyOrder("a", "b");
        scopes.done(a);
        scopes.done(b);

        // Nothing runs in them now: the next scope pushes out the least recently used.
        ClassLoader c = scopes.loaderFor(job("c", jar), base, Path::of);
        assertThat(scopes.scopes()).containsExactly("c");
        scopes.done(c);
        // A scope closed comes back with a new loader when its next job needs it.
        ClassLoader again = scopes.loaderFor(job("a", jar), base, Path::of);
        assertThat(again).isNotSameAs(a);
        assertThat(scopes.scopes()).containsExactly("a");
    }

    @Test
    void aFetchThatFailedIsTriedAgainByTheNextTask(@TempDir Path dir) throws IOException {
        ClassScopes scopes = new ClassScopes(4);
        Path jar = emptyJar(dir, "b.jar");
        int[] fetches = {0};
        ClassScopes.JarSource flaky = name -> {
            if (fetches[0]++ == 0) {
                throw new IOException("the driver went away");
            }
            return Path.of(name);
        };
        ClassLoader base = getClass().getClassLoader();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scopes.loaderFor(job("s", jar), base, flaky))
                .hasMessageContaining("the driver went away");
        ClassLoader loader = scopes.loaderFor(job("s", jar), base, flaky);
        assertThat(((java.net.URLClassLoader) loader).getURLs()).hasSize(1);
        assertThat(fetches[0]).isEqualTo(2);
    }
}
