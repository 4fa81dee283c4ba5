package dev.ember.deploy;

import dev.ember.PairRddJoinSuite;

/** {@link PairRddJoinSuite} on a local cluster of two single-core executor processes. */
class LocalClusterPairRddJoinTest extends PairRddJoinSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
