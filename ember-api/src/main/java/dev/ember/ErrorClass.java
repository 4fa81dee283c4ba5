package dev.ember;

/**
 * Stable names for the kinds of error Ember reports. The name is part of the API: users and tools may match
 * on it, so a value is never renamed or reused for a different meaning.
 */
public enum ErrorClass {
    /** A SQL statement or expression that does not parse: the message names line and column and shows the spot. */
    PARSE_SYNTAX_ERROR,
    /** A column or field name that names nothing in scope; the message suggests the closest names. */
    UNRESOLVED_COLUMN,
    /** A table or view name that the catalog does not know; the message suggests the closest names. */
    TABLE_OR_VIEW_NOT_FOUND,
    /** A function name that no registry knows, or a call with the wrong number of arguments. */
    UNRESOLVED_ROUTINE,
    /** An expression whose argument types do not fit it: the message names the expression and the types. */
    DATATYPE_MISMATCH,
    /** A plan the analyzer cannot accept for another reason (a misplaced aggregate, an ambiguous reference...). */
    INVALID_SQL,
    /** A table, view or function that exists already where a new one was to be created. */
    ALREADY_EXISTS,
    /** A database name that the catalog does not know; the message suggests the closest names. */
    SCHEMA_NOT_FOUND,
    /** A database dropped without CASCADE while it still holds tables. */
    SCHEMA_NOT_EMPTY,
    /** A catalog entry that cannot be read back (a file edited by hand, say): the message names the file. */
    CATALOG_CORRUPT,
    /** A SQL feature the engine does not support yet. */
    UNSUPPORTED_FEATURE,
    /** Division or remainder by zero under ANSI mode. */
    DIVIDE_BY_ZERO,
    /** A value out of its type's range under ANSI mode. */
    ARITHMETIC_OVERFLOW,
    /** A string that does not cast to the wanted type under ANSI mode (try_cast gives null instead). */
    CAST_INVALID_INPUT,
    /** A record of a data source that does not fit its schema, in FAILFAST mode. */
    MALFORMED_RECORD,
    /** A master URL that Ember cannot parse. */
    INVALID_MASTER_URL,
    /** A configuration value that does not parse as the type its key expects, or breaks a rule of the key. */
    INVALID_CONFIG_VALUE,
    /** A required configuration key was not set. */
    MISSING_CONFIG,
    /** An argument to an API call is out of range or otherwise unusable. */
    INVALID_ARGUMENT,
    /** An input path, file or pattern matched nothing. */
    INPUT_PATH_NOT_FOUND,
    /** An input file exists but could not be read. */
    INPUT_READ_FAILED,
    /** An output path that must not exist already exists. */
    OUTPUT_PATH_EXISTS,
    /** Writing output failed. */
    OUTPUT_WRITE_FAILED,
    /** A function or object shipped to tasks cannot be serialized. */
    TASK_NOT_SERIALIZABLE,
    /** Serializing or deserializing data failed. */
    SERIALIZATION_FAILED,
    /** A job failed because one of its stages could not complete. */
    JOB_ABORTED,
    /** A job was cancelled by the user or because its context stopped. */
    JOB_CANCELLED,
    /** The context was used after {@code stop()}. */
    CONTEXT_STOPPED,
    /** A second context was created while one is active in this JVM. */
    CONTEXT_ALREADY_ACTIVE,
    /** An RDD was used where it cannot be, such as inside another RDD's function. */
    INVALID_RDD_USAGE,
    /** A broadcast variable was used after it was destroyed. */
    BROADCAST_DESTROYED,
    /** Checkpointing an RDD failed or its checkpoint data is missing. */
    CHECKPOINT_FAILED,
    /** A block of cached or shuffled data was lost or unreadable. */
    BLOCK_UNAVAILABLE,
    /** A subprocess started by {@code pipe} failed. */
    SUBPROCESS_FAILED,
    /** A wait ran out of time. */
    TIMEOUT,
    /** A connection to another process could not be opened, or closed while a request was outstanding. */
    CONNECTION_FAILED,
    /** A peer could not prove knowledge of the shared secret ({@code ember.authenticate}), or this process could not. */
    AUTHENTICATION_FAILED,
    /** An RPC named an endpoint the receiving process does not have. */
    RPC_ENDPOINT_NOT_FOUND,
    /** A message or its reply could not be handled by the other process: the message says what it reported. */
    REMOTE_FAILURE,
    /** The cluster manager gave up on the application (its executors kept failing, say); the message says why. */
    APPLICATION_REMOVED,
    /** A bug in Ember: the message says what invariant broke. */
    INTERNAL_ERROR
}
