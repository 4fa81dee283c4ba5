package dev.ember.sql.warehouse;

import java.nio.file.Path;

/** A second process for {@link WarehouseCatalogTest}: {@code <warehouse> <prefix> <count>}. */
public final class CatalogWriterMain {
    private CatalogWriterMain() {}

    public static void main(String[] args) {
        WarehouseCatalogTest.work(new WarehouseCatalog(Path.of(args[0])), args[1], Integer.parseInt(args[2]));
    }
}
