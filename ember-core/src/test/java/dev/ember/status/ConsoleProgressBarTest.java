package dev.ember.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberStageInfo;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {
    @Test
    void rendersCompletedAndRunningTasks() {
        EmberStageInfo stage = new EmberStageInfo(3, 0, "count at X.java:1", 40, 2, 12, 0, 1, "ACTIVE");
        String bar = ConsoleProgressBar.render(stage, 60);
        assertThat(bar).startsWith("[Stage 3:").endsWith("(12 + 2) / 40]").hasSize(60);
        int barWidth = 60 - "[Stage 3:".length() - "(12 + 2) / 40]".length();
        assertThat(bar.chars().filter(c -> c == '=').count())
                .as("12 of 40 done: that share of the bar")
                .isEqualTo(barWidth * 12 / 40);
        assertThat(bar).contains(">");
    }

    @Test
    void aFinishedStageIsAFullBar() {
        EmberStageInfo stage = new EmberStageInfo(1, 0, "collect", 8, 0, 8, 0, 1, "ACTIVE");
        String bar = ConsoleProgressBar.render(stage, 40);
        assertThat(bar).doesNotContain(">").contains("(8 + 0) / 8]");
    }
}
