package dev.ember.sql;

import dev.ember.sql.types.DataTypes;
import java.util.concurrent.locks.LockSupport;

/**
 * A driver for {@link TableWriteFailureTest}: {@code <warehouse>}. Runs {@code INSERT OVERWRITE t} whose task for the
 * row 123 stops for good after printing {@code STALLED}, so the test can kill this process in the middle of the job.
 */
public final class StalledInsertMain {
    private StalledInsertMain() {}

    public static void main(String[] args) {
        EmberSession session = EmberSession.builder()
                .master("local[2]")
                .appName("stalled-insert")
                .config("ember.sql.warehouse.dir", args[0])
                .getOrCreate();
        session.udf()
                .register(
                        "stall",
                        (Long id) -> {
                            if (id == 123) {
                                System.out.println("STALLED");
                                System.out.flush();
                                while (true) {
                                    LockSupport.park();
                                }
                            }
                            return id;
                        },
                        DataTypes.LongType);
        session.sql("INSERT OVERWRITE t SELECT stall(id), 'new' FROM range(0, 100000, 1, 8)");
        System.out.println("FINISHED");
    }
}
