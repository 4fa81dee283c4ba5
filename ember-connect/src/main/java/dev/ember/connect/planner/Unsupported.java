package dev.ember.connect.planner;

import com.google.protobuf.Message;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.Map;

/**
 * Errors for what the server cannot run, and for plan parts Ember's definitions of the protocol leave out: they arrive as unknown fields, and the error
 * names them as the protocol does, so the user learns which DataFrame operation is not supported yet.
 */
public final class Unsupported {
    private static final Map<Integer, String> RELATIONS = Map.ofEntries(
            Map.entry(28, "mapPartitions (map_partitions)"),
            Map.entry(29, "observe (collect_metrics)"),
            Map.entry(30, "parsing CSV or JSON from a column (parse)"),
            Map.entry(31, "grouped map functions (group_map)"),
            Map.entry(32, "cogrouped map functions (co_group_map)"),
            Map.entry(33, "withWatermark"),
            Map.entry(34, "applyInPandasWithState"),
            Map.entry(37, "checkpointed relations (cached_remote_relation)"),
            Map.entry(38, "user-defined table functions"),
            Map.entry(39, "as-of joins"),
            Map.entry(40, "Python data sources"),
            Map.entry(42, "transpose"),
            Map.entry(43, "table-valued functions by name"),
            Map.entry(44, "lateral joins"),
            Map.entry(101, "stat.crosstab"),
            Map.entry(103, "stat.cov"),
            Map.entry(104, "stat.corr"),
            Map.entry(105, "stat.approxQuantile"),
            Map.entry(106, "stat.freqItems"),
            Map.entry(107, "stat.sampleBy"),
            Map.entry(200, "the catalog API (spark.catalog)"),
            Map.entry(300, "machine learning relations"));

    private static final Map<Integer, String> EXPRESSIONS =
            Map.of(19, "MERGE actions", 20, "typed aggregate expressions", 999, "expression extensions");

    private static final Map<Integer, String> COMMANDS = Map.ofEntries(
            Map.entry(6, "streaming writes (writeStream)"),
            Map.entry(7, "streaming query commands"),
            Map.entry(8, "resource queries"),
            Map.entry(9, "the streaming query manager"),
            Map.entry(10, "registering user-defined table functions"),
            Map.entry(11, "streaming query listeners"),
            Map.entry(12, "registering Python data sources"),
            Map.entry(13, "resource profiles"),
            Map.entry(14, "checkpoint and localCheckpoint"),
            Map.entry(15, "removing checkpointed relations"),
            Map.entry(16, "MERGE INTO"),
            Map.entry(17, "machine learning commands"),
            Map.entry(18, "external commands"),
            Map.entry(999, "command extensions"));

    private Unsupported() {}

    /** A feature Ember's Connect server does not have yet: the message names it. */
    public static EmberException feature(String what) {
        return new EmberException(ErrorClass.UNSUPPORTED_FEATURE, "Ember's Connect server does not support " + what);
    }

    /** A request that makes no sense: the message says what is wrong with it. */
    public static EmberException invalid(String what) {
        return new EmberException(ErrorClass.INVALID_ARGUMENT, "Invalid request: " + what);
    }

    public static EmberException relation(Message relation) {
        return of(relation, RELATIONS, "relation");
    }

    public static EmberException expression(Message expression) {
        return of(expression, EXPRESSIONS, "expression");
    }

    public static EmberException command(Message command) {
        return of(command, COMMANDS, "command");
    }

    private static EmberException of(Message message, Map<Integer, String> names, String what) {
        for (int field : message.getUnknownFields().asMap().keySet()) {
            String name = names.get(field);
            return new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "Ember's Connect server does not support "
                            + (name != null ? name : "the " + what + " of field " + field)
                            + " yet");
        }
        return new EmberException(ErrorClass.INVALID_ARGUMENT, "An empty " + what + " (no kind set)");
    }
}
