package dev.ember.deploy;

import dev.ember.RddActionSuite;

/** {@link RddActionSuite} on a local cluster of two single-core executor processes. */
class LocalClusterRddActionTest extends RddActionSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
