package dev.ember.deploy;

import dev.ember.RddSamplingSuite;

/** {@link RddSamplingSuite} on a local cluster of two single-core executor processes. */
class LocalClusterRddSamplingTest extends RddSamplingSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
