package dev.ember.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.storage.BlockManagerId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Records whose equals and hashCode are written out keep the semantics of generated ones: every component counts. */
class WrittenOutRecordMethodsTest {
    @Test
    void blockManagerIdsAreEqualExactlyWhenAllComponentsAre() {
        BlockManagerId id = new BlockManagerId("1", "host-a", 7077);
        assertThat(id)
                .isEqualTo(new BlockManagerId("1", "host-a", 7077))
                .hasSameHashCodeAs(new BlockManagerId("1", "host-a", 7077));
        List<BlockManagerId> others = List.of(
                new BlockManagerId("2", "host-a", 7077),
                new BlockManagerId("1", "host-b", 7077),
                new BlockManagerId("1", "host-a", 7078));
        assertThat(others).allSatisfy(other -> assertThat(other).isNotEqualTo(id));
        assertThat(id).isNotEqualTo(null).isNotEqualTo("1");
        Set<BlockManagerId> distinct = new HashSet<>(others);
        distinct.add(id);
        distinct.add(new BlockManagerId("1", "host-a", 7077));
        assertThat(distinct).hasSize(4);
    }

    @Test
    void workerOffersAreEqualExactlyWhenAllComponentsAre() {
        WorkerOffer offer = new WorkerOffer("1", "host-a", 4);
        assertThat(offer)
                .isEqualTo(new WorkerOffer("1", "host-a", 4))
                .hasSameHashCodeAs(new WorkerOffer("1", "host-a", 4));
        assertThat(List.of(
                        new WorkerOffer("2", "host-a", 4),
                        new WorkerOffer("1", "host-b", 4),
                        new WorkerOffer("1", "host-a", 2)))
                .allSatisfy(other -> assertThat(other).isNotEqualTo(offer));
        assertThat(offer.toString()).contains("host-a").contains("4");
    }
}
