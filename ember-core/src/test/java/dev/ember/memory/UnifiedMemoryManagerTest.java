package dev.ember.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.storage.BlockId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnifiedMemoryManagerTest {
    private static final BlockId BLOCK = new BlockId.TestBlockId("a");

    /** Records what it was asked to evict and frees that much storage memory by releasing it. */
    private static final class FakeEvictor implements BlockEvictor {
        private final List<Long> requests = new ArrayList<>();
        private UnifiedMemoryManager manager;
        private long evictable;

        @Override
        public long evictBlocksToFreeSpace(Optional<BlockId> forBlock, long space, MemoryMode mode) {
            requests.add(space);
            long freed = Math.min(space, evictable);
            if (freed < space) {
                return 0;
            }
            evictable -= freed;
            manager.releaseStorageMemory(freed, mode);
            return freed;
        }
    }

    @Test
    void sizesComeFromTheConfiguration() {
        UnifiedMemoryManager manager = UnifiedMemoryManager.fromConf(new EmberConf(false)
                .set("ember.testing.memory", "100m")
                .set("ember.memory.fraction", "0.5")
                .set("ember.memory.storageFraction", "0.4"));
        assertThat(manager.maxOnHeapMemory()).isEqualTo(50L << 20);
        assertThat(manager.maxOffHeapMemory()).isZero();
        assertThat(manager.maxStorageMemory(MemoryMode.ON_HEAP)).isEqualTo(50L << 20);
    }

    @Test
    void tooSmallAHeapIsAClearError() {
        EmberConf conf = new EmberConf(false).set("ember.memory.reserved", "100g");
        assertThatThrownBy(() -> UnifiedMemoryManager.fromConf(conf))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("heap")
                .hasMessageContaining("-Xmx");
        EmberConf offHeap =
                new EmberConf(false).set("ember.testing.memory", "64m").set("ember.memory.offHeap.enabled", "true");
        assertThatThrownBy(() -> UnifiedMemoryManager.fromConf(offHeap))
                .hasMessageContaining("ember.memory.offHeap.size");
    }

    @Test
    void storageBorrowsFreeExecutionMemory() {
        UnifiedMemoryManager manager = new UnifiedMemoryManager(1000, 500, 0, 0);
        assertThat(manager.acquireStorageMemory(BLOCK, 800, MemoryMode.ON_HEAP)).isTrue();
        assertThat(manager.storageMemoryUsed()).isEqualTo(800);
        assertThat(manager.acquireStorageMemory(BLOCK, 300, MemoryMode.ON_HEAP))
                .as("only 200 left")
                .isFalse();
        assertThat(manager.acquireExecutionMemory(500, 1, MemoryMode.ON_HEAP))
                .as("execution gets only what storage did not take, as nothing can be evicted")
                .isEqualTo(200);
    }

    @Test
    void executionEvictsStorageBackDownToItsRegion() {
        UnifiedMemoryManager manager = new UnifiedMemoryManager(1000, 400, 0, 0);
        FakeEvictor evictor = new FakeEvictor();
        evictor.manager = manager;
        manager.setBlockEvictor(evictor);
        assertThat(manager.acquireStorageMemory(BLOCK, 900, MemoryMode.ON_HEAP)).isTrue();
        evictor.evictable = 900;
        long granted = manager.acquireExecutionMemory(700, 1, MemoryMode.ON_HEAP);
        assertThat(granted)
                .as("storage can be pushed back to its 400-byte region, not below")
                .isEqualTo(600);
        assertThat(manager.storageMemoryUsed()).isEqualTo(400);
        assertThat(evictor.requests).isNotEmpty();
    }

    @Test
    void storageNeverEvictsExecution() {
        UnifiedMemoryManager manager = new UnifiedMemoryManager(1000, 500, 0, 0);
        assertThat(manager.acquireExecutionMemory(900, 1, MemoryMode.ON_HEAP)).isEqualTo(900);
        assertThat(manager.acquireStorageMemory(BLOCK, 200, MemoryMode.ON_HEAP)).isFalse();
        assertThat(manager.acquireStorageMemory(BLOCK, 100, MemoryMode.ON_HEAP)).isTrue();
        manager.releaseExecutionMemory(900, 1, MemoryMode.ON_HEAP);
        assertThat(manager.executionMemoryUsed()).isZero();
    }

    @Test
    void aTaskIsCappedAtItsShareWhenOthersRun() {
        UnifiedMemoryManager manager = new UnifiedMemoryManager(1000, 0, 0, 0);
        assertThat(manager.acquireExecutionMemory(10, 1, MemoryMode.ON_HEAP)).isEqualTo(10);
        assertThat(manager.acquireExecutionMemory(10, 2, MemoryMode.ON_HEAP)).isEqualTo(10);
        assertThat(manager.acquireExecutionMemory(900, 1, MemoryMode.ON_HEAP))
                .as("two active tasks: at most half each")
                .isEqualTo(490);
        assertThat(manager.releaseAllExecutionMemoryForTask(1)).isEqualTo(500);
        assertThat(manager.acquireExecutionMemory(900, 2, MemoryMode.ON_HEAP))
                .as("alone again: all of it")
                .isEqualTo(900);
    }

    @Test
    void unrollMemoryTurnsIntoStorageMemory() {
        UnifiedMemoryManager manager = new UnifiedMemoryManager(1000, 500, 0, 0);
        assertThat(manager.acquireUnrollMemory(BLOCK, 300, 7, MemoryMode.ON_HEAP))
                .isTrue();
        assertThat(manager.unrollMemoryUsed(MemoryMode.ON_HEAP)).isEqualTo(300);
        assertThat(manager.transferUnrollToStorage(BLOCK, 300, 250, 7, MemoryMode.ON_HEAP))
                .isTrue();
        assertThat(manager.unrollMemoryUsed(MemoryMode.ON_HEAP)).isZero();
        assertThat(manager.storageMemoryUsed()).isEqualTo(250);
        assertThat(manager.acquireUnrollMemory(BLOCK, 100, 8, MemoryMode.ON_HEAP))
                .isTrue();
        manager.releaseAllUnrollMemoryForTask(8);
        assertThat(manager.storageMemoryUsed()).isEqualTo(250);
    }

    @Test
    void offHeapIsAccountedSeparately() {
        UnifiedMemoryManager manager = new UnifiedMemoryManager(1000, 500, 2000, 1000);
        assertThat(manager.acquireStorageMemory(BLOCK, 1500, MemoryMode.OFF_HEAP))
                .isTrue();
        assertThat(manager.storageMemoryUsed(MemoryMode.OFF_HEAP)).isEqualTo(1500);
        assertThat(manager.storageMemoryUsed(MemoryMode.ON_HEAP)).isZero();
        assertThat(manager.acquireExecutionMemory(900, 1, MemoryMode.ON_HEAP)).isEqualTo(900);
    }
}
