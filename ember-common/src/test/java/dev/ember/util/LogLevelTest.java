package dev.ember.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelTest {
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger EMBER = Logger.getLogger("dev.ember");

    private Level rootLevel;
    private Level emberLevel;
    private final java.util.Map<java.util.logging.Handler, Level> handlerLevels = new java.util.HashMap<>();

    @BeforeEach
    void remember() {
        rootLevel = ROOT.getLevel();
        emberLevel = EMBER.getLevel();
        for (var handler : ROOT.getHandlers()) {
            handlerLevels.put(handler, handler.getLevel());
        }
    }

    @AfterEach
    void restore() {
        ROOT.setLevel(rootLevel);
        EMBER.setLevel(emberLevel);
        handlerLevels.forEach(java.util.logging.Handler::setLevel);
    }

    @Test
    void levelsAreNamedAsInSparkInAnyCase() {
        assertThat(LogLevel.parse("warn")).isEqualTo(LogLevel.WARN);
        assertThat(LogLevel.parse(" Debug ")).isEqualTo(LogLevel.DEBUG);
        assertThat(LogLevel.parse("OFF").julLevel()).isEqualTo(Level.OFF);
        assertThatThrownBy(() -> LogLevel.parse("verbose"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT))
                .hasMessageContaining("Unknown log level 'verbose'")
                .hasMessageContaining("ALL, TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF");
    }

    @Test
    void applyingALevelChangesWhatEmbersLoggersLetThrough() {
        org.slf4j.Logger logger = LoggerFactory.getLogger("dev.ember.util.LogLevelTest.probe");
        assertThat(LogLevel.DEBUG.apply())
                .as("SLF4J writes to java.util.logging here")
                .isTrue();
        assertThat(logger.isDebugEnabled()).isTrue();
        assertThat(LogLevel.WARN.apply()).isTrue();
        assertThat(logger.isDebugEnabled()).isFalse();
        assertThat(logger.isInfoEnabled()).isFalse();
        assertThat(logger.isWarnEnabled()).isTrue();
        assertThat(LogLevel.OFF.apply()).isTrue();
        assertThat(logger.isErrorEnabled()).isFalse();
        // A handler stricter than a more verbose level is opened up, or the extra records would go nowhere.
        LogLevel.TRACE.apply();
        for (var handler : ROOT.getHandlers()) {
            assertThat(handler.getLevel().intValue()).isLessThanOrEqualTo(Level.FINEST.intValue());
        }
    }
}
