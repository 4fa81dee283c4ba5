package dev.ember.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberStageInfo;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {
    @Test
    void rendersCompletedAndRunningTasks() {
        EmberStageInfo stage = new EmberStageInfo(3, 0, "count at X.java:1", 40, 2, 12, 0, 1, "ACTIVE");
        String bar = ConsoleProgressBar.render(stage, 60);
        // 60 columns: 9 for "[Stage 3:", 14 for "(12 + 2) / 40]", 37 for the bar; 12/40 of 37 is 11 columns done.
        assertThat(bar).isEqualTo("[Stage 3:" + "=".repeat(11) + ">" + " ".repeat(25) + "(12 + 2) / 40]");
    }

    @Test
    void aFinishedStageIsAFullBar() {
        EmberStageInfo stage = new EmberStageInfo(1, 0, "collect", 8, 0, 8, 0, 1, "ACTIVE");
        String bar = ConsoleProgressBar.render(stage, 40);
        assertThat(bar).doesNotContain(">").contains("(8 + 0) / 8]");
    }
}
