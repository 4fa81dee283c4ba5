package dev.ember.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.config.ConfigRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every setting the code declares, with its current default. */
class ConfigurationDocsTest {
    private static final Path PAGE = Path.of("..", "docs", "configuration.md");

    @Test
    void pageMatchesTheDeclaredSettings() throws IOException {
        String rendered = ConfigurationDocs.render();
        if (Boolean.getBoolean("ember.docs.update")) {
            Files.writeString(PAGE, rendered, StandardCharsets.UTF_8);
        }
        assertThat(PAGE).exists();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale: regenerate it (see the page's header)")
                .isEqualTo(rendered);
        assertThat(ConfigRegistry.all()).hasSizeGreaterThan(40);
        assertThat(rendered).contains("`ember.task.maxFailures` | `4`", "`ember.serializer` | `kryo`");
    }
}
