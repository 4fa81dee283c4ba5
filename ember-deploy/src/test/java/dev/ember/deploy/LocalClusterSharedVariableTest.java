package dev.ember.deploy;

import dev.ember.SharedVariableSuite;

/** {@link SharedVariableSuite} on a local cluster of two single-core executor processes. */
class LocalClusterSharedVariableTest extends SharedVariableSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
