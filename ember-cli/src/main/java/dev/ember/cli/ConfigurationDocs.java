package dev.ember.cli;

import dev.ember.config.ConfigEntry;
import dev.ember.config.ConfigRegistry;
import java.util.List;

/**
 * Renders {@code docs/configuration.md} from the declared configuration entries, so the page cannot drift from the
 * code: a test compares the file with this rendering.
 */
public final class ConfigurationDocs {
    private ConfigurationDocs() {}

    /** The whole page. */
    public static String render() {
        StringBuilder page = new StringBuilder();
        page.append("# Configuration\n\n")
                .append("Every Ember setting, with its default. Set them with `EmberConf.set(key, value)`, with\n")
                .append("`bin/ember ... --conf key=value`, in `conf/ember-defaults.conf` of the installation, or as\n")
                .append("`-Dkey=value` JVM system properties (read by `new EmberConf()`). Sizes take units (`512m`,\n")
                .append("`2g`), durations too (`100ms`, `3s`, `5min`). A value of the wrong type fails at start-up,\n")
                .append("naming the key and where it was set; an unknown `ember.*` key is warned about.\n\n")
                .append("This page is generated from the code (`ConfigurationDocs`); a test fails when it is stale.\n")
                .append("Regenerate with `./mvnw -pl ember-cli -am test -Dtest=ConfigurationDocsTest\n")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -Dember.docs.update=true`.\n\n")
                .append("| key | default | meaning |\n")
                .append("| --- | --- | --- |\n");
        List<ConfigEntry<?>> entries = ConfigRegistry.all();
        for (ConfigEntry<?> entry : entries) {
            String defaultValue = entry.defaultValueString();
            String shown = defaultValue.equals("<none>")
                    ? "(none)"
                    : defaultValue.isEmpty() ? "(empty)" : "`" + defaultValue + "`";
            page.append("| `")
                    .append(entry.key())
                    .append("` | ")
                    .append(shown)
                    .append(" | ")
                    .append(entry.doc().replace("|", "\\|"))
                    .append(" |\n");
        }
        return page.toString();
    }
}
