package dev.ember.deploy;

import dev.ember.BinaryInputSuite;

/** {@link BinaryInputSuite} on a local cluster of two single-core executor processes. */
class LocalClusterBinaryInputTest extends BinaryInputSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
