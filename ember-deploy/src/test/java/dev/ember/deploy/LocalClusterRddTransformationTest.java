package dev.ember.deploy;

import dev.ember.RddTransformationSuite;

/** {@link RddTransformationSuite} on a local cluster of two single-core executor processes. */
class LocalClusterRddTransformationTest extends RddTransformationSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
