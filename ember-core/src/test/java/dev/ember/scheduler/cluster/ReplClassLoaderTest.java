package dev.ember.scheduler.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplClassLoaderTest {
    @Test
    void onlyBinaryClassNamesAreAskedForOrServed() {
        assertThat(ReplClassLoader.isClassName("REPL.$JShell$11$Square")).isTrue();
        assertThat(ReplClassLoader.isClassName("a.b_c.D1")).isTrue();
        for (String bad :
                new String[] {"", "../../etc/passwd", "a/b", "a..b", ".a", "a.", "a b", "a\\b", "x".repeat(1001), null
                }) {
            assertThat(ReplClassLoader.isClassName(bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
