package dev.ember.ui;

class LocalClusterSqlTabTest extends SqlTabSuite {
    @Override
    String master() {
        return "local-cluster[2,1,512]";
    }
}
