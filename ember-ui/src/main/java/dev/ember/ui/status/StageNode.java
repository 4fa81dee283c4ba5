package dev.ember.ui.status;

import dev.ember.events.StageInfo;

/** A stage in a job's picture: its info, its latest attempt and that attempt's status. */
public record StageNode(StageInfo info, int attempt, String status) {}
