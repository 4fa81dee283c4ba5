package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.deploy.DeployMessages.DriverDescription;
import dev.ember.deploy.DeployMessages.DriverState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Drivers run by workers (cluster deploy mode): submitted, waited for, relaunched when supervised. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterDeployModeTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Master master;
    private Worker worker;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void startCluster() {
        EmberConf conf = new EmberConf(false);
        master = Master.start(conf, "127.0.0.1", 0);
        worker = Worker.start(conf, "127.0.0.1", 0, master.address(), 2, 2048, temp.resolve("work"));
        master.awaitState(state -> state.workers().size() == 1, WAIT);
    }

    @AfterEach
    void stopCluster() {
        worker.close();
        master.close();
    }

    private DriverDescription app(boolean supervise, String... args) {
        return new DriverDescription(
                null,
                ClusterModeApp.class.getName(),
                List.of(args),
                Map.of(
                        "ember.master", master.url(),
                        "ember.app.name", "cluster-mode",
                        "ember.executor.memory", "512m",
                        "ember.cores.max", "1"),
                1,
                512,
                supervise);
    }

    private DriverClient.Outcome submit(DriverDescription description) {
        return DriverClient.submit(new EmberConf(false), master.url(), description, true, progress::add);
    }

    @Test
    void aDriverRunsOnAWorkerAndTheClientHearsWhenItEnds() throws Exception {
        Path out = temp.resolve("sum.txt");
        DriverClient.Outcome outcome = submit(app(false, out.toString()));

        assertThat(outcome.state()).isEqualTo(DriverState.FINISHED);
        assertThat(outcome.exitCode()).isZero();
        assertThat(Files.readString(out)).isEqualTo("5050");
        assertThat(progress).singleElement().satisfies(line -> assertThat(line).startsWith("Submitted driver driver-"));
        DeployMessages.MasterState state = master.state(WAIT);
        assertThat(state.drivers()).singleElement().satisfies(driver -> {
            assertThat(driver.driverId()).isEqualTo(outcome.driverId());
            assertThat(driver.state()).isEqualTo("FINISHED");
        });
        assertThat(state.workers()).singleElement().satisfies(w -> assertThat(w.coresUsed())
                .isZero());
    }

    @Test
    void aSupervisedDriverThatFailsIsStartedAgain() throws Exception {
        Path out = temp.resolve("sum.txt");
        DriverClient.Outcome outcome =
                submit(app(true, out.toString(), temp.resolve("marker").toString()));

        assertThat(outcome.state()).isEqualTo(DriverState.FINISHED);
        assertThat(Files.readString(out)).isEqualTo("5050");
        assertThat(master.state(WAIT).drivers()).singleElement().satisfies(driver -> assertThat(driver.launches())
                .isEqualTo(2));
    }

    @Test
    void anUnsupervisedDriverThatFailsEndsFailedWithItsExitCode() {
        Path out = temp.resolve("sum.txt");
        DriverClient.Outcome outcome =
                submit(app(false, out.toString(), temp.resolve("marker").toString()));

        assertThat(outcome.state()).isEqualTo(DriverState.FAILED);
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.message()).contains("output in");
        assertThat(out).doesNotExist();
    }

    @Test
    void aDriverWaitingForRoomCanBeKilled() {
        DriverDescription tooLarge = new DriverDescription(
                null, ClusterModeApp.class.getName(), List.of("unused"), Map.of(), 1, 100_000, true);
        DriverClient.Outcome submitted =
                DriverClient.submit(new EmberConf(false), master.url(), tooLarge, false, progress::add);
        assertThat(submitted.state()).isEqualTo(DriverState.SUBMITTED);
        assertThat(master.state(WAIT).drivers()).singleElement().satisfies(driver -> assertThat(driver.state())
                .isEqualTo("SUBMITTED"));

        assertThat(DriverClient.kill(new EmberConf(false), master.url(), submitted.driverId()))
                .isTrue();
        assertThat(DriverClient.kill(new EmberConf(false), master.url(), "driver-that-never-was"))
                .isFalse();
        assertThat(master.state(WAIT).drivers()).singleElement().satisfies(driver -> assertThat(driver.state())
                .isEqualTo("KILLED"));
    }
}
