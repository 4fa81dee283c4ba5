package dev.ember;

/**
 * Stable names for the kinds of error Ember reports. The name is part of the API: users and tools may match
 * on it, so a value is never renamed or reused for a different meaning.
 */
public enum ErrorClass {
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
