package dev.ember;

/** {@link PairRddJoinSuite} in local mode with cogroup buffers spilling after a few records. */
class LocalModeSpillingPairRddJoinTest extends PairRddJoinSuite {
    @Override
    protected String master() {
        return "local[2]";
    }

    @Override
    protected EmberConf conf() {
        return super.conf()
                .set("ember.shuffle.spill.numElementsForceSpillThreshold", "3")
                .set("ember.shuffle.spill.batchSize", "2")
                .set("ember.shuffle.sort.bypassMergeThreshold", "1");
    }
}
