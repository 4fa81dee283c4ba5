package dev.ember.connect;

import dev.ember.EmberConf;

/** The server's budgets, read once from its configuration. */
record ConnectLimits(
        int maxSessions,
        int maxOperations,
        long maxArtifactBytes,
        long maxTotalArtifactBytes,
        long maxLocalRows,
        long maxLocalCells,
        long maxBatchBytes,
        long maxBufferedBytes,
        long maxSessionArrowBytes,
        int maxStreamResponses,
        long sessionTimeoutMillis,
        long abandonedTimeoutMillis) {

    long abandonedTimeoutNanos() {
        return java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(abandonedTimeoutMillis);
    }

    static ConnectLimits of(EmberConf conf) {
        return new ConnectLimits(
                conf.get(ConnectConfig.MAX_SESSIONS),
                conf.get(ConnectConfig.MAX_OPERATIONS),
                conf.get(ConnectConfig.MAX_ARTIFACT_BYTES),
                conf.get(ConnectConfig.MAX_TOTAL_ARTIFACT_BYTES),
                conf.get(ConnectConfig.MAX_LOCAL_ROWS),
                conf.get(ConnectConfig.MAX_LOCAL_CELLS),
                conf.get(ConnectConfig.MAX_BATCH_SIZE),
                conf.get(ConnectConfig.MAX_BUFFERED_BYTES),
                conf.get(ConnectConfig.MAX_SESSION_ARROW_BYTES),
                conf.get(ConnectConfig.MAX_STREAM_RESPONSES),
                conf.get(ConnectConfig.SESSION_TIMEOUT),
                conf.get(ConnectConfig.ABANDONED_OPERATION_TIMEOUT));
    }
}
