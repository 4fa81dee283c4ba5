package dev.ember;

import java.util.Properties;

/**
 * The local properties of the jobs a thread submits (job group, description, scheduler pool, ...). A thread started
 * later by that thread begins with a copy of them: later changes on either side stay local.
 */
final class LocalProperties {
    /** The property the SQL module marks a query's jobs with ({@code SqlEvents.EXECUTION_ID}); never inherited. */
    static final String SQL_EXECUTION_ID = "ember.sql.execution.id";

    private final InheritableThreadLocal<Properties> properties = new InheritableThreadLocal<>() {
        @Override
        protected Properties childValue(Properties parent) {
            Properties copy = new Properties();
            if (parent != null) {
                copy.putAll(parent);
                // A thread started during a SQL query's action outlives it: its own actions are not the query's.
                copy.remove(SQL_EXECUTION_ID);
            }
            return copy;
        }

        @Override
        protected Properties initialValue() {
            return new Properties();
        }
    };

    /** Sets {@code key} for this thread's jobs; null removes it. */
    void set(String key, String value) {
        if (value == null) {
            properties.get().remove(key);
        } else {
            properties.get().setProperty(key, value);
        }
    }

    String get(String key) {
        return properties.get().getProperty(key);
    }

    /** This thread's properties, the live object: the caller copies what it keeps. */
    Properties current() {
        return properties.get();
    }
}
