package dev.ember.status;

import dev.ember.EmberStageInfo;
import dev.ember.util.ThreadUtils;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Draws running stages on one console line, redrawn in place:
 *
 * <pre>
 *   [Stage 3:=========>                  (12 + 2) / 40][Stage 4:>              (0 + 2) / 8]
 * </pre>
 *
 * (completed + running) / total per stage. Stages shorter than half a second are never drawn, so quick jobs
 * leave no trace; the line is erased when no stage runs.
 */
public final class ConsoleProgressBar {
    private static final long FIRST_DELAY_MILLIS = 500;
    private static final int WIDTH = 80;

    private final AppStatusStore store;
    private final PrintStream out;
    private final ScheduledExecutorService timer;
    private String lastLine = "";

    public ConsoleProgressBar(AppStatusStore store, PrintStream out, long intervalMillis) {
        this.store = store;
        this.out = out;
        // One thread redraws the bar; it only reads the status store.
        this.timer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("console-progress-bar");
        timer.scheduleWithFixedDelay(this::refresh, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void refresh() {
        long now = System.currentTimeMillis();
        List<EmberStageInfo> stages = store.activeStages().stream()
                .filter(stage -> stage.submissionTime() > 0 && now - stage.submissionTime() >= FIRST_DELAY_MILLIS)
                .limit(3)
                .toList();
        if (stages.isEmpty()) {
            clear();
            return;
        }
        int width = WIDTH / stages.size();
        StringBuilder line = new StringBuilder();
        for (EmberStageInfo stage : stages) {
            line.append(render(stage, width));
        }
        String text = line.toString();
        if (!text.equals(lastLine)) {
            out.print('\r' + text);
            out.flush();
            lastLine = text;
        }
    }

    /** One stage's bar, about {@code width} characters. */
    static String render(EmberStageInfo stage, int width) {
        String header = "[Stage " + stage.stageId() + ":";
        String tailer =
                "(" + stage.numCompletedTasks() + " + " + stage.numActiveTasks() + ") / " + stage.numTasks() + "]";
        int barWidth = width - header.length() - tailer.length();
        StringBuilder bar = new StringBuilder(header);
        if (barWidth > 0) {
            int percent = stage.numTasks() == 0 ? 0 : barWidth * stage.numCompletedTasks() / stage.numTasks();
            for (int i = 0; i < barWidth; i++) {
                bar.append(i < percent ? '=' : i == percent ? '>' : ' ');
            }
        }
        return bar.append(tailer).toString();
    }

    private void clear() {
        if (!lastLine.isEmpty()) {
            out.print('\r' + " ".repeat(lastLine.length()) + '\r');
            out.flush();
            lastLine = "";
        }
    }

    /** Erases the bar when a job ends, so the program's own output starts on a clean line. */
    public synchronized void finishAll() {
        clear();
    }

    public void stop() {
        timer.shutdownNow();
        finishAll();
    }
}
