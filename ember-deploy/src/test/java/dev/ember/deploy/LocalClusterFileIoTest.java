package dev.ember.deploy;

import dev.ember.FileIoSuite;

/** {@link FileIoSuite} on a local cluster of two single-core executor processes. */
class LocalClusterFileIoTest extends FileIoSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
