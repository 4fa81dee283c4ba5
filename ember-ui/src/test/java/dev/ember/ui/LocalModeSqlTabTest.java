package dev.ember.ui;

class LocalModeSqlTabTest extends SqlTabSuite {
    @Override
    String master() {
        return "local[2]";
    }
}
