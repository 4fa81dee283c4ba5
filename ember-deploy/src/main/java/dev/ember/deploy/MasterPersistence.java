package dev.ember.deploy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.deploy.DeployMessages.ApplicationDescription;
import dev.ember.network.rpc.RpcAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's recovery directory: one file per registered worker ({@code worker_ID}) and per application
 * ({@code app_ID}), each written to a temporary file and moved into place, so a crash leaves either the old or the
 * new record. A file that cannot be read is logged and skipped, never fatal: losing one record costs one worker or
 * application, not the master.
 */
final class MasterPersistence {
    private static final Logger LOG = LoggerFactory.getLogger(MasterPersistence.class);
    private static final ObjectInputFilter FILTER =
            ObjectInputFilter.Config.createFilter("maxdepth=20;maxrefs=10000;dev.ember.**;java.lang.*;java.util.*;!*");

    record StoredWorker(String workerId, String host, int port, int cores, int memoryMb, String workDir)
            implements Serializable {}

    record StoredApp(String appId, ApplicationDescription description, RpcAddress client, int nextAppNumber)
            implements Serializable {}

    record StoredDriver(
            String driverId, DeployMessages.DriverDescription description, RpcAddress client, int nextDriverNumber)
            implements Serializable {}

    record Stored(List<StoredWorker> workers, List<StoredApp> apps, List<StoredDriver> drivers) {}

    private final Path dir;

    private MasterPersistence(Path dir) {
        this.dir = dir;
    }

    static MasterPersistence open(String directory) {
        if (directory.isBlank()) {
            throw new EmberException(
                    ErrorClass.MISSING_CONFIG,
                    "ember.deploy.recoveryMode=FILESYSTEM needs ember.deploy.recoveryDirectory");
        }
        Path dir = Path.of(directory).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Cannot create the recovery directory " + dir + ": " + e, e);
        }
        return new MasterPersistence(dir);
    }

    void saveWorker(StoredWorker worker) {
        write("worker_" + worker.workerId(), worker);
    }

    void removeWorker(String workerId) {
        delete("worker_" + workerId);
    }

    void saveApp(StoredApp app) {
        write("app_" + app.appId(), app);
    }

    void removeApp(String appId) {
        delete("app_" + appId);
    }

    void saveDriver(StoredDriver driver) {
        write("driver_" + driver.driverId(), driver);
    }

    void removeDriver(String driverId) {
        delete("driver_" + driverId);
    }

    Stored read() {
        List<StoredWorker> workers = new ArrayList<>();
        List<StoredApp> apps = new ArrayList<>();
        List<StoredDriver> drivers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith("worker_") && !name.startsWith("app_") && !name.startsWith("driver_")) {
                    continue;
                }
                Object record = readRecord(file);
                if (record instanceof StoredWorker worker) {
                    workers.add(worker);
                } else if (record instanceof StoredApp app) {
                    apps.add(app);
                } else if (record instanceof StoredDriver driver) {
                    drivers.add(driver);
                } else if (record != null) {
                    LOG.warn(
                            "Skipping {} in the recovery directory: it holds a {}",
                            file,
                            record.getClass().getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the recovery directory " + dir, e);
        }
        return new Stored(workers, apps, drivers);
    }

    private static Object readRecord(Path file) {
        try (InputStream in = Files.newInputStream(file);
                ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(FILTER);
            return objects.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            LOG.warn("Skipping unreadable {} in the recovery directory: {}", file, e.toString());
            return null;
        }
    }

    private void write(String name, Serializable record) {
        Path target = dir.resolve(name);
        Path temporary = dir.resolve("." + name + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary);
                    ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(record);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The cluster keeps working; only a restart would miss this record.
            LOG.error("Could not write {} to the recovery directory: {}", name, e.toString());
        }
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            LOG.error("Could not delete {} from the recovery directory: {}", name, e.toString());
        }
    }

    @Override
    public String toString() {
        return "FILESYSTEM " + dir;
    }
}
