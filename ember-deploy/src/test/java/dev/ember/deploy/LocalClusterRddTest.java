package dev.ember.deploy;

import dev.ember.RddCoreSuite;

/** {@link RddCoreSuite} on a local cluster: two workers, each running one executor process with one core. */
class LocalClusterRddTest extends RddCoreSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
