package dev.ember.util;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log levels a user names ({@code ctx.setLogLevel("WARN")}, {@code --log-level}, {@code ember.log.level}), as
 * Spark names them, and how one is applied: Ember logs through SLF4J, and when SLF4J writes to
 * {@code java.util.logging} (as the distribution sets it up) the root logger, Ember's own loggers and the root's
 * handlers are set to the level. With another SLF4J backend (Logback, Log4j) that backend's own configuration
 * decides, and applying a level says so instead of pretending.
 */
public enum LogLevel {
    ALL(Level.ALL),
    TRACE(Level.FINEST),
    DEBUG(Level.FINE),
    INFO(Level.INFO),
    WARN(Level.WARNING),
    ERROR(Level.SEVERE),
    FATAL(Level.SEVERE),
    OFF(Level.OFF);

    /** Held so that the configured loggers are not collected, which would drop their levels. */
    private static final Logger ROOT = Logger.getLogger("");

    private static final Logger EMBER = Logger.getLogger("dev.ember");

    private final Level julLevel;

    LogLevel(Level julLevel) {
        this.julLevel = julLevel;
    }

    /** The level named {@code name}, in any case; an {@link ErrorClass#INVALID_ARGUMENT} naming the ones there are. */
    public static LogLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Unknown log level '" + name
                            + "': expected one of ALL, TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF",
                    e);
        }
    }

    /** The {@code java.util.logging} level this one maps to. */
    public Level julLevel() {
        return julLevel;
    }

    /**
     * Sets this level for everything this process logs; returns false, changing nothing, when SLF4J does not write to
     * {@code java.util.logging}.
     */
    public boolean apply() {
        String backend = LoggerFactory.getILoggerFactory().getClass().getName();
        if (!backend.startsWith("org.slf4j.jul.")) {
            LoggerFactory.getLogger(LogLevel.class)
                    .warn(
                            "Log level {} not applied: SLF4J writes to {}, whose own configuration sets levels",
                            this,
                            backend);
            return false;
        }
        ROOT.setLevel(julLevel);
        EMBER.setLevel(julLevel);
        for (Handler handler : ROOT.getHandlers()) {
            // A handler filtering out what the level now lets through would hide it; a stricter level needs no change.
            if (handler.getLevel().intValue() > julLevel.intValue()) {
                handler.setLevel(julLevel);
            }
        }
        return true;
    }
}
