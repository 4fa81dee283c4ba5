package dev.ember.ui;

class LocalClusterApplicationUiTest extends ApplicationUiSuite {
    @Override
    String master() {
        return "local-cluster[2,1,512]";
    }
}
