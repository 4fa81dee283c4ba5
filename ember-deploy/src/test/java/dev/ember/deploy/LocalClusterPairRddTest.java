package dev.ember.deploy;

import dev.ember.PairRddSuite;

/** {@link PairRddSuite} on a local cluster of two single-core executor processes. */
class LocalClusterPairRddTest extends PairRddSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
