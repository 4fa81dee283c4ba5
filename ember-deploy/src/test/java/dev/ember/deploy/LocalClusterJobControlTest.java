package dev.ember.deploy;

import dev.ember.JobControlSuite;

/** {@link JobControlSuite} on a local cluster of two single-core executor processes. */
class LocalClusterJobControlTest extends JobControlSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
