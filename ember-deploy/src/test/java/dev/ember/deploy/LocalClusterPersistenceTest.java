package dev.ember.deploy;

import dev.ember.PersistenceSuite;

/** {@link PersistenceSuite} on a local cluster of two single-core executor processes. */
class LocalClusterPersistenceTest extends PersistenceSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
