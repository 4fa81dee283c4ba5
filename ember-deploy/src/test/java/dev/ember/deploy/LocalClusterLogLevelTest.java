package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.JulLevels;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code ember.log.level} is a per-run setting: each application's driver and executor processes log at the level
 * it names, whatever the logging configuration they started with, and the next application can name another.
 */
class LocalClusterLogLevelTest {
    private JulLevels levels;

    @BeforeEach
    void remember() {
        levels = new JulLevels();
    }

    @AfterEach
    void restore() {
        levels.close();
    }

    @Test
    void eachRunLogsAtTheLevelItNamesInTheDriverAndTheExecutors() {
        // What each executor's own Ember loggers let through, read inside tasks: [debug, info, warn] per partition.
        assertThat(levelsSeenByExecutors("DEBUG")).containsOnly(List.of(true, true, true));
        assertThat(levelsSeenByExecutors("WARN")).containsOnly(List.of(false, false, true));
    }

    private List<List<Boolean>> levelsSeenByExecutors(String level) {
        try (EmberContext ctx = new EmberContext(new EmberConf(false)
                .setMaster("local-cluster[2,1,512]")
                .setAppName("log-level-" + level)
                .set("ember.log.level", level))) {
            org.slf4j.Logger driver = LoggerFactory.getLogger("dev.ember.deploy.LocalClusterLogLevelTest.driver");
            assertThat(driver.isDebugEnabled()).as("the driver at " + level).isEqualTo(level.equals("DEBUG"));
            List<List<Boolean>> seen = ctx.parallelize(
                            IntStream.range(0, 4).boxed().toList(), 4)
                    .map(partition -> {
                        org.slf4j.Logger executor = LoggerFactory.getLogger("dev.ember.task.probe");
                        return List.of(executor.isDebugEnabled(), executor.isInfoEnabled(), executor.isWarnEnabled());
                    })
                    .collect();
            assertThat(seen).hasSize(4);
            return seen;
        }
    }
}
