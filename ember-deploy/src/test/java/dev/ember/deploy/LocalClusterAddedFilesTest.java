package dev.ember.deploy;

import dev.ember.AddedFilesSuite;

/** {@link AddedFilesSuite} on a local cluster of two single-core executor processes, which fetch the files. */
class LocalClusterAddedFilesTest extends AddedFilesSuite {
    @Override
    protected String master() {
        return "local-cluster[2,1,1024]";
    }
}
