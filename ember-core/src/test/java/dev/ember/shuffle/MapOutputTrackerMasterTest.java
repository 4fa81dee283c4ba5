package dev.ember.shuffle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.storage.BlockManagerId;
import org.junit.jupiter.api.Test;

class MapOutputTrackerMasterTest {
    private static final BlockManagerId A = new BlockManagerId("1", "host-a", 7001);
    private static final BlockManagerId B = new BlockManagerId("2", "host-b", 7002);

    private static MapStatus status(BlockManagerId location, long mapId) {
        return MapStatus.of(location, new long[] {10, 0, 2000}, mapId);
    }

    @Test
    void aMovedOutputPointsAtItsNewHolderAndMovesTheEpochOn() {
        MapOutputTrackerMaster tracker = new MapOutputTrackerMaster();
        tracker.registerShuffle(3, 2);
        tracker.registerMapOutput(3, 0, status(A, 41));
        tracker.registerMapOutput(3, 1, status(A, 42));
        long epoch = tracker.epoch();

        assertThat(tracker.outputsAt(A))
                .containsExactlyInAnyOrder(
                        new MapOutputTrackerMaster.MapOutputRef(3, 41), new MapOutputTrackerMaster.MapOutputRef(3, 42));
        assertThat(tracker.moveMapOutput(3, 42, A, B)).isTrue();

        MapStatus moved = tracker.mapStatus(3, 1).orElseThrow();
        assertThat(moved.location()).isEqualTo(B);
        assertThat(moved.mapId()).isEqualTo(42);
        assertThat(moved.sizeForBlock(2)).isEqualTo(status(A, 42).sizeForBlock(2));
        assertThat(tracker.epoch()).isGreaterThan(epoch);
        assertThat(tracker.outputsAt(A)).containsExactly(new MapOutputTrackerMaster.MapOutputRef(3, 41));
        assertThat(tracker.movedFrom("1")).containsExactly(42L);

        // Losing the old holder loses only what stayed there.
        assertThat(tracker.removeOutputsOnExecutor("1")).isEqualTo(1);
        assertThat(tracker.findMissingPartitions(3)).containsExactly(0);
        assertThat(tracker.movedFrom("1")).isEmpty();
    }

    @Test
    void onlyTheCurrentHolderCanMoveAnOutput() {
        MapOutputTrackerMaster tracker = new MapOutputTrackerMaster();
        tracker.registerShuffle(0, 1);
        tracker.registerMapOutput(0, 0, status(A, 7));
        long epoch = tracker.epoch();

        assertThat(tracker.moveMapOutput(0, 7, B, A)).as("not registered at B").isFalse();
        assertThat(tracker.moveMapOutput(0, 8, A, B)).as("no such map attempt").isFalse();
        assertThat(tracker.moveMapOutput(9, 7, A, B)).as("no such shuffle").isFalse();
        assertThat(tracker.mapStatus(0, 0).orElseThrow().location()).isEqualTo(A);
        assertThat(tracker.epoch()).isEqualTo(epoch);
    }
}
