package dev.ember.deploy;

import dev.ember.DataTypesSuite;

/** {@link DataTypesSuite} on a local cluster of two single-core executor processes. */
class LocalClusterDataTypesTest extends DataTypesSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
