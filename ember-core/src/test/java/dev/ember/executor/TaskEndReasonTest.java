package dev.ember.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which task failures are worth another attempt. */
class TaskEndReasonTest {
    private static TaskEndReason.ExceptionFailure failure(Throwable error) {
        return TaskEndReason.ExceptionFailure.of(error, List.of(), null);
    }

    @Test
    void aClassThatIsNotThereIsMissingAndNotRetried() {
        ClassNotFoundException notFound = new ClassNotFoundException("com.example.Gone");
        assertThat(failure(notFound).missingClass()).isTrue();
        assertThat(failure(new EmberException(ErrorClass.SERIALIZATION_FAILED, "reading the task", notFound))
                        .missingClass())
                .as("found in the cause chain")
                .isTrue();
    }

    @Test
    void aClassThatCouldNotBeFetchedIsNotMissing() {
        ClassNotFoundException unreachable = new ClassNotFoundException(
                "REPL.$JShell$12: cannot fetch it from the driver", new IOException("Connection reset"));
        assertThat(failure(new EmberException(ErrorClass.SERIALIZATION_FAILED, "reading the task", unreachable))
                        .missingClass())
                .isFalse();
    }

    @Test
    void otherFailuresAreNotAboutClasses() {
        assertThat(failure(new IllegalStateException("bad record")).missingClass())
                .isFalse();
        assertThat(TaskEndReason.ExceptionFailure.textOnly(
                                "dev.ember.EmberException", "class x " + TaskEndReason.MISSING_CLASS)
                        .missingClass())
                .as("a failure that travelled as text")
                .isTrue();
    }
}
