package dev.ember.connect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.sql.EmberSession;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chunked uploads in progress hold room in the session's and the server's artifact budgets until they end. */
class UploadBudgetTest {
    private static EmberSession engine;

    @BeforeAll
    static void start() {
        engine = EmberSession.builder()
                .master("local[1]")
                .appName("upload-budget")
                .config("ember.ui.enabled", "false")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        engine.stop();
    }

    private static ConnectSession session(String id, ByteBudget server) {
        return new ConnectSession("u", id, engine.newSession(), new RootAllocator(1 << 20), 100, 1000, 1000, 8, server);
    }

    @Test
    void uploadsInProgressCannotTogetherPassTheBudgets() {
        ByteBudget server = new ByteBudget(150);
        ConnectSession first = session("a", server);
        ConnectSession second = session("b", server);
        first.reserveUpload("jars/one.jar", 80);
        // The session's own budget (100) counts the upload in progress.
        assertThatThrownBy(() -> first.reserveUpload("jars/two.jar", 30))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("maxSessionBytes");
        // The server's (150) counts every session's.
        assertThatThrownBy(() -> second.reserveUpload("jars/three.jar", 90))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("maxTotalBytes");
        first.releaseUpload(80);
        second.reserveUpload("jars/three.jar", 90);
        first.reserveUpload("jars/two.jar", 30);
        // A kept artifact takes its own room once its upload ended.
        second.releaseUpload(90);
        second.addArtifact("jars/three.jar", new byte[90]);
        assertThatThrownBy(() -> first.reserveUpload("jars/four.jar", 40)).hasMessageContaining("maxTotalBytes");
        first.close();
        second.close();
    }
}
