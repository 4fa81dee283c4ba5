package dev.ember.deploy;

import dev.ember.FailureRecoverySuite;

/** {@link FailureRecoverySuite} on a local cluster of two single-core executor processes. */
class LocalClusterFailureRecoveryTest extends FailureRecoverySuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
