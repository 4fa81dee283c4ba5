package dev.ember;

/** {@link PersistenceSuite} in local mode with two task threads. */
class LocalModePersistenceTest extends PersistenceSuite {
    @Override
    protected String master() {
        return "local[2]";
    }
}
