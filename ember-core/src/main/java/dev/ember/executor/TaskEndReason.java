package dev.ember.executor;

import dev.ember.AccumulatorV2;
import dev.ember.metrics.TaskMetrics;
import dev.ember.storage.BlockManagerId;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.List;

/** Why a task attempt ended. Everything but {@link Success} is a failure of that attempt. */
public sealed interface TaskEndReason extends Serializable {
    /** A line for logs and job failure messages. */
    String toErrorString();

    /** Whether this failure counts towards {@code ember.task.maxFailures}. */
    default boolean countsTowardsTaskFailures() {
        return true;
    }

    /** The task finished. */
    record Success() implements TaskEndReason {
        @Override
        public String toErrorString() {
            return "Success";
        }
    }

    /** A finished shuffle-map task whose output was lost before the stage completed; it will run again. */
    record Resubmitted() implements TaskEndReason {
        @Override
        public String toErrorString() {
            return "Resubmitted (resubmitted due to lost executor)";
        }

        @Override
        public boolean countsTowardsTaskFailures() {
            return false;
        }
    }

    /** The task could not fetch a map output; the map stage must produce it again. */
    record FetchFailed(BlockManagerId address, int shuffleId, long mapId, int mapIndex, int reduceId, String message)
            implements TaskEndReason {
        @Override
        public String toErrorString() {
            return "FetchFailed(" + address + ", shuffleId=" + shuffleId + ", mapIndex=" + mapIndex + ", mapId=" + mapId
                    + ", reduceId=" + reduceId + ", message=" + message + ")";
        }

        @Override
        public boolean countsTowardsTaskFailures() {
            return false;
        }
    }

    /**
     * The task threw. The exception itself travels when it is serializable; its class, message and stack trace
     * always do.
     */
    record ExceptionFailure(
            String className,
            String description,
            StackTraceElement[] stackTrace,
            String fullStackTrace,
            Throwable exception,
            List<AccumulatorV2<?, ?>> accumulatorUpdates,
            TaskMetrics metrics)
            implements TaskEndReason {
        /** A failure made of strings only, which always serializes: an exception's class name and message. */
        public static ExceptionFailure textOnly(String className, String description) {
            return new ExceptionFailure(className, description, new StackTraceElement[0], null, null, List.of(), null);
        }

        /** The failure for {@code error}, keeping the exception if it can be serialized. */
        public static ExceptionFailure of(Throwable error, List<AccumulatorV2<?, ?>> updates, TaskMetrics metrics) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            return new ExceptionFailure(
                    error.getClass().getName(),
                    error.getMessage(),
                    error.getStackTrace(),
                    trace.toString(),
                    isSerializable(error) ? error : null,
                    updates,
                    metrics);
        }

        private static boolean isSerializable(Throwable error) {
            try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
                out.writeObject(error);
                return true;
            } catch (NotSerializableException e) {
                return false;
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }

        @Override
        public String toErrorString() {
            return className + (description == null ? "" : ": " + description);
        }

        /**
         * Whether the task failed because a class it needs is not on the class path of the process that ran it
         * (reading its function or its data): another attempt fails the same way, so the task is not retried. A class
         * that could not be fetched (its {@link ClassNotFoundException} has a cause: a lost connection, a timeout)
         * is not missing: the task is retried.
         */
        public boolean missingClass() {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof ClassNotFoundException notFound) {
                    return notFound.getCause() == null;
                }
            }
            // A failure that travelled as text only.
            return exception == null && description != null && description.contains(MISSING_CLASS);
        }
    }

    /** How a serializer says that a class is missing ({@code SERIALIZATION_FAILED}). */
    String MISSING_CLASS = "is not on the class path of this process";

    /** The task was asked to stop: its job was cancelled or another attempt finished first. */
    record TaskKilled(String reason, List<AccumulatorV2<?, ?>> accumulatorUpdates, TaskMetrics metrics)
            implements TaskEndReason {
        @Override
        public String toErrorString() {
            return "TaskKilled (" + reason + ")";
        }

        @Override
        public boolean countsTowardsTaskFailures() {
            return false;
        }
    }

    /** The executor running the task was lost. */
    record ExecutorLostFailure(String executorId, boolean causedByApp, String reason) implements TaskEndReason {
        @Override
        public String toErrorString() {
            return "ExecutorLostFailure (executor " + executorId + " exited"
                    + (causedByApp ? " caused by one of the running tasks" : " unrelated to the running tasks")
                    + ") Reason: " + reason;
        }

        @Override
        public boolean countsTowardsTaskFailures() {
            return causedByApp;
        }
    }

    /** The task finished but its result could not be read back. */
    record TaskResultLost() implements TaskEndReason {
        @Override
        public String toErrorString() {
            return "TaskResultLost (result lost from block manager)";
        }
    }

    /** The task was not allowed to commit its output because another attempt of it already did. */
    record TaskCommitDenied(int jobId, int partitionId, int attemptNumber) implements TaskEndReason {
        @Override
        public String toErrorString() {
            return "TaskCommitDenied (another attempt committed partition " + partitionId + " of job " + jobId + ")";
        }

        @Override
        public boolean countsTowardsTaskFailures() {
            return false;
        }
    }
}
