package dev.ember.connect;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.proto.ConfigRequest;
import dev.ember.connect.proto.ConfigResponse;
import dev.ember.connect.proto.KeyValue;
import dev.ember.sql.PlanAccess;
import dev.ember.sql.RuntimeConfig;
import java.util.Map;
import java.util.Optional;

/**
 * Config: a client's view of its session's settings. Spark's keys ({@code spark.sql.shuffle.partitions}) name
 * Ember's ({@code ember.sql.shuffle.partitions}); the answer names keys as the client asked.
 */
final class SessionConfig {
    private static final String TIME_ZONE = "sql.session.timeZone";

    private SessionConfig() {}

    static ConfigResponse apply(ConnectSession session, ConfigRequest request) {
        RuntimeConfig conf = session.session().conf();
        ConfigResponse.Builder response = ConfigResponse.newBuilder()
                .setSessionId(session.sessionId)
                .setServerSideSessionId(session.serverSideSessionId);
        var operation = request.getOperation();
        switch (operation.getOpTypeCase()) {
            case SET -> {
                for (KeyValue pair : operation.getSet().getPairsList()) {
                    if (pair.hasValue()) {
                        conf.set(pair.getKey(), pair.getValue());
                    } else {
                        conf.unset(pair.getKey());
                    }
                }
            }
            case GET -> {
                for (String key : operation.getGet().getKeysList()) {
                    String value = value(session, key)
                            .orElseThrow(() -> new EmberException(
                                    ErrorClass.INVALID_ARGUMENT,
                                    "[SQL_CONF_NOT_FOUND] The setting " + key + " is not set"));
                    response.addPairs(pair(key, value));
                }
            }
            case GET_WITH_DEFAULT -> {
                for (KeyValue pair : operation.getGetWithDefault().getPairsList()) {
                    Optional<String> value = value(session, pair.getKey());
                    response.addPairs(
                            value.isPresent()
                                    ? pair(pair.getKey(), value.get())
                                    : pair.hasValue() ? pair(pair.getKey(), pair.getValue()) : absent(pair.getKey()));
                }
            }
            case GET_OPTION -> {
                for (String key : operation.getGetOption().getKeysList()) {
                    response.addPairs(value(session, key).map(v -> pair(key, v)).orElse(absent(key)));
                }
            }
            case GET_ALL -> {
                String prefix = operation.getGetAll().hasPrefix()
                        ? operation.getGetAll().getPrefix()
                        : "";
                for (Map.Entry<String, String> entry : conf.getAll().entrySet()) {
                    if (entry.getKey().startsWith(prefix)) {
                        response.addPairs(pair(entry.getKey(), entry.getValue()));
                    }
                }
            }
            case UNSET -> operation.getUnset().getKeysList().forEach(conf::unset);
            case IS_MODIFIABLE -> {
                for (String key : operation.getIsModifiable().getKeysList()) {
                    response.addPairs(pair(key, Boolean.toString(conf.isModifiable(key))));
                }
            }
            case OPTYPE_NOT_SET ->
                throw new EmberException(ErrorClass.INVALID_ARGUMENT, "A Config request without an operation");
        }
        return response.build();
    }

    /**
     * A setting's value. The session time zone is always set (to the server's zone when nobody chose one); Spark
     * settings that clients read for their own behaviour have Spark's defaults ({@link #CLIENT_DEFAULTS}).
     */
    private static Optional<String> value(ConnectSession session, String key) {
        Optional<String> value = session.session().conf().getOption(key);
        if (key.endsWith(TIME_ZONE) && (value.isEmpty() || value.get().isEmpty())) {
            return Optional.of(PlanAccess.timeZone(session.session()));
        }
        if (value.isEmpty()) {
            return Optional.ofNullable(CLIENT_DEFAULTS.get(key));
        }
        return value;
    }

    /**
     * Settings Spark Connect's clients read to decide how they encode data and show results, with Spark's defaults,
     * which Ember's server follows (a client that sets one sees its value).
     */
    static final Map<String, String> CLIENT_DEFAULTS = Map.ofEntries(
            Map.entry("spark.sql.execution.arrow.useLargeVarTypes", "false"),
            Map.entry("spark.sql.execution.arrow.maxRecordsPerBatch", "10000"),
            Map.entry("spark.sql.session.localRelationCacheThreshold", "67108864"),
            Map.entry("spark.sql.ansi.enabled", "true"),
            Map.entry("spark.sql.timestampType", "TIMESTAMP_LTZ"),
            Map.entry("spark.sql.repl.eagerEval.enabled", "false"),
            Map.entry("spark.sql.repl.eagerEval.maxNumRows", "20"),
            Map.entry("spark.sql.repl.eagerEval.truncate", "20"),
            Map.entry("spark.sql.pyspark.inferNestedDictAsStruct.enabled", "false"),
            Map.entry("spark.sql.pyspark.legacy.inferArrayTypeFromFirstElement.enabled", "false"),
            Map.entry("spark.sql.pyspark.legacy.inferMapTypeFromFirstPair.enabled", "false"),
            Map.entry("spark.sql.execution.pandas.convertToArrowArraySafely", "false"),
            Map.entry("spark.sql.execution.pandas.inferPandasDictAsMap", "false"),
            Map.entry("spark.sql.execution.pandas.structHandlingMode", "legacy"),
            Map.entry("spark.sql.execution.arrow.pyspark.enabled", "true"),
            Map.entry("spark.sql.execution.arrow.pyspark.fallback.enabled", "true"),
            Map.entry("spark.sql.execution.pythonUDF.arrow.enabled", "false"),
            Map.entry("spark.sql.execution.pythonUDTF.arrow.enabled", "false"),
            Map.entry("spark.sql.pyspark.jvmStacktrace.enabled", "false"),
            Map.entry("spark.sql.connect.serverStacktrace.enabled", "false"),
            Map.entry("spark.sql.connect.enrichError.enabled", "true"),
            Map.entry("spark.sql.caseSensitive", "false"),
            Map.entry("spark.sql.legacy.allowHashOnMapType", "false"));

    private static KeyValue pair(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static KeyValue absent(String key) {
        return KeyValue.newBuilder().setKey(key).build();
    }
}
