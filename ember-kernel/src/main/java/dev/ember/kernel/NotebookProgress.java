package dev.ember.kernel;

import dev.ember.EmberContext;
import dev.ember.EmberStageInfo;
import dev.ember.util.ThreadUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A live progress bar in the running cell, one line per running stage, drawn as HTML (and text) and redrawn in place
 * with {@code update_display_data}. Stages shorter than half a second never show; the bar is emptied when no stage
 * runs, and at the end of its cell ({@link #endCell}), so that it never outlives the cell frozen, and a job still
 * running in the next cell gets a new bar there. Runs in the interpreter's JVM, reading the context's status tracker;
 * its timer thread and the cell's thread take turns under the instance's lock.
 *
 * <p>With the application UI on, each stage's line links to the stage's page there.
 *
 * <p>The bar's HTML is marked {@code tex2jax_ignore}: notebooks typeset math between dollar signs in HTML output, and
 * stage names hold class names such as {@code $JShell$9}.
 */
final class NotebookProgress {
    private static final long FIRST_DELAY_MILLIS = 500;
    private static final long INTERVAL_MILLIS = 250;
    private static final String DISPLAY_ID_PREFIX = "ember-progress-";

    private final EmberContext context;
    private final ScheduledExecutorService timer;
    private String displayId;
    private String lastText = "";
    /** The application UI's address, asked for with the first bar; "" without a UI. */
    private String uiUrl;

    private NotebookProgress(EmberContext context) {
        this.context = context;
        this.timer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("notebook-progress");
    }

    /** Whether a display message's {@code content} is a progress bar's. */
    static boolean isBar(com.fasterxml.jackson.databind.node.ObjectNode content) {
        return content.path("transient").path("display_id").asText("").startsWith(DISPLAY_ID_PREFIX);
    }

    static NotebookProgress start(EmberContext context) {
        NotebookProgress progress = new NotebookProgress(context);
        progress.timer.scheduleWithFixedDelay(
                progress::refresh, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return progress;
    }

    /** A cell starts: a bar drawn since the last cell ended went nowhere, so the next one is a new display. */
    synchronized void startCell() {
        displayId = null;
        lastText = "";
    }

    /** The cell ends: its bar goes now, while the cell's output is still open. */
    synchronized void endCell() {
        removeBar();
    }

    private void removeBar() {
        if (displayId != null) {
            // The next job's bar is a new display.
            Notebook.show(displayId, Map.of("text/plain", "", "text/html", ""), true);
            displayId = null;
            lastText = "";
        }
    }

    private synchronized void refresh() {
        if (context.isStopped()) {
            timer.shutdown();
            return;
        }
        long now = System.currentTimeMillis();
        List<EmberStageInfo> stages = new ArrayList<>();
        for (int stageId : context.statusTracker().getActiveStageIds()) {
            context.statusTracker()
                    .getStageInfo(stageId)
                    .filter(stage -> stage.submissionTime() > 0 && now - stage.submissionTime() >= FIRST_DELAY_MILLIS)
                    .ifPresent(stages::add);
        }
        if (stages.isEmpty()) {
            removeBar();
            return;
        }
        if (uiUrl == null) {
            uiUrl = context.uiWebUrl().orElse("");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<div class=\"ember-progress tex2jax_ignore\">");
        for (EmberStageInfo stage : stages.subList(0, Math.min(3, stages.size()))) {
            int percent = stage.numTasks() == 0 ? 0 : 100 * stage.numCompletedTasks() / stage.numTasks();
            String counts =
                    "(" + stage.numCompletedTasks() + " + " + stage.numActiveTasks() + ") / " + stage.numTasks();
            text.append("[Stage ")
                    .append(stage.stageId())
                    .append(": ")
                    .append(percent)
                    .append("% ")
                    .append(counts)
                    .append("]");
            html.append("<div>Stage ")
                    .append(stage.stageId())
                    .append(" <progress max=\"100\" value=\"")
                    .append(percent)
                    .append("\"></progress> ")
                    .append(dev.ember.util.Html.escape(counts))
                    .append(" ")
                    .append(dev.ember.util.Html.escape(stage.name()));
            if (!uiUrl.isEmpty()) {
                html.append(" <a target=\"_blank\" rel=\"noopener\" href=\"")
                        .append(dev.ember.util.Html.escape(
                                uiUrl + "/stages/stage/?id=" + stage.stageId() + "&attempt=" + stage.attemptId()))
                        .append("\">details</a>");
            }
            html.append("</div>");
        }
        html.append("</div>");
        if (text.toString().equals(lastText)) {
            return;
        }
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", text.toString());
        bundle.put("text/html", html.toString());
        boolean update = displayId != null;
        if (!update) {
            displayId = DISPLAY_ID_PREFIX + UUID.randomUUID();
        }
        Notebook.show(displayId, bundle, update);
        lastText = text.toString();
    }
}
