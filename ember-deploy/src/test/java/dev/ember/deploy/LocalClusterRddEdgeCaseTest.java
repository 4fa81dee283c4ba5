package dev.ember.deploy;

import dev.ember.RddEdgeCaseSuite;

/** {@link RddEdgeCaseSuite} on a local cluster of two single-core executor processes. */
class LocalClusterRddEdgeCaseTest extends RddEdgeCaseSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
