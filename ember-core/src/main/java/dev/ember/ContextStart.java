package dev.ember;

import dev.ember.config.CommonConfig;
import dev.ember.config.CoreConfig;
import dev.ember.util.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@link EmberContext}'s constructor around starting its components ({@link DriverComponents}): reading
 * the settings it cannot start without, checking every other setting before anything starts (a bad value fails with
 * its key now rather than in the middle of a job), and stopping what had started when the start fails.
 */
final class ContextStart {
    private static final Logger LOG = LoggerFactory.getLogger(EmberContext.class);

    private ContextStart() {}

    /** {@code ember.master}, which must be set. */
    static String masterUrl(EmberConf conf) {
        return conf.getOptional(CommonConfig.MASTER)
                .orElseThrow(
                        () -> new EmberException(
                                ErrorClass.MISSING_CONFIG,
                                "A master URL must be set: conf.setMaster(\"local[*]\"), --master local[*], or -Dember.master=..."));
    }

    /** {@code ember.app.name}, which must be set. */
    static String appName(EmberConf conf) {
        return conf.getOptional(CommonConfig.APP_NAME)
                .orElseThrow(() -> new EmberException(
                        ErrorClass.MISSING_CONFIG,
                        "An application name must be set: conf.setAppName(\"...\") or --name ..."));
    }

    /** Logs the configuration's warnings, reads every core setting once, and applies {@code ember.log.level}. */
    static void checkSettings(EmberConf conf) {
        for (String warning : conf.validate()) {
            LOG.warn(warning);
        }
        // Reading every core setting once surfaces a bad value now, with its key, rather than mid-job.
        for (var entry : new CoreConfig().entries()) {
            conf.getOptional(entry);
        }
        conf.getOptional(CommonConfig.LOG_LEVEL).ifPresent(LogLevel::apply);
    }

    /** Stops what a failed constructor had started, so no thread or directory outlives it. */
    static void abandon(EmberContext context, DriverComponents started) {
        try {
            if (started != null) {
                started.stop();
            }
        } catch (RuntimeException e) {
            LOG.warn("Error cleaning up after a failed start", e);
        } finally {
            ActiveContext.release(context);
        }
    }
}
