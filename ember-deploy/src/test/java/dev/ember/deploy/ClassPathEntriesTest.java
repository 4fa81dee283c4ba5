package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassPathEntriesTest {
    private static final Path DRIVER = Path.of("/home/me/project").toAbsolutePath();

    private static String under(String... names) {
        return Path.of(DRIVER.toString(), names).toString();
    }

    @Test
    void relativeEntriesAreResolvedAgainstTheWorkingDirectory() {
        String absoluteJar = Path.of("/opt/lib/x.jar").toAbsolutePath().toString();
        List<String> entries = List.of(
                "target/classes",
                "lib/a.jar",
                "./b.jar",
                "../shared/c.jar",
                absoluteJar,
                "lib" + File.separator + "*",
                "*",
                "");
        assertThat(ClassPathEntries.absolute(entries, DRIVER))
                .containsExactly(
                        under("target", "classes"),
                        under("lib", "a.jar"),
                        under("b.jar"),
                        DRIVER.getParent().resolve("shared").resolve("c.jar").toString(),
                        absoluteJar,
                        under("lib") + File.separator + "*",
                        DRIVER + File.separator + "*",
                        DRIVER.toString());
    }

    @Test
    void theWorkingDirectoryItselfMayBeRelative() {
        assertThat(ClassPathEntries.absolute("a.jar", Path.of("sub")))
                .isEqualTo(Path.of("sub", "a.jar").toAbsolutePath().toString());
    }
}
