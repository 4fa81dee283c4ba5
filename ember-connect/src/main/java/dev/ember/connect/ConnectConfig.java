package dev.ember.connect;

import dev.ember.config.ConfigEntry;
import dev.ember.config.ConfigProvider;
import dev.ember.util.ByteSizes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Settings of the Connect server ({@code bin/ember connect}). */
public final class ConnectConfig implements ConfigProvider {
    public static final ConfigEntry<Integer> PORT = ConfigEntry.key("ember.connect.grpc.binding.port")
            .doc("The port the Connect server listens on (Spark Connect's 15002); 0 picks a free one.")
            .intConf()
            .nonNegative()
            .defaultValue(15002);

    public static final ConfigEntry<String> ADDRESS = ConfigEntry.key("ember.connect.grpc.binding.address")
            .doc("The address the Connect server binds; 0.0.0.0 for every interface.")
            .stringConf()
            .defaultValue("127.0.0.1");

    public static final ConfigEntry<Long> MAX_MESSAGE_SIZE = ConfigEntry.key("ember.connect.grpc.maxInboundMessageSize")
            .doc("The largest request message the server decodes; larger ones are refused before they are read."
                    + " Spark Connect's clients send local data above 64 MiB as chunked artifacts instead.")
            .bytesConf(ByteSizes.Unit.MIB)
            .atLeast(64 * 1024, "at least 64k")
            .defaultString("128m");

    public static final ConfigEntry<Long> MAX_BATCH_SIZE = ConfigEntry.key("ember.connect.grpc.arrow.maxBatchSize")
            .doc("The largest Arrow batch of a result sent in one response; a result is cut into batches no larger.")
            .bytesConf(ByteSizes.Unit.MIB)
            .atLeast(1024, "at least 1k")
            .defaultString("4m");

    public static final ConfigEntry<Long> MAX_BUFFERED_BYTES = ConfigEntry.key("ember.connect.execute.maxBufferedBytes")
            .doc("Result bytes an operation holds that its client has not read (or, when it may reattach, not"
                    + " released); beyond this the query's next jobs wait for the client.")
            .bytesConf(ByteSizes.Unit.MIB)
            .atLeast(1024, "at least 1k")
            .defaultString("64m");

    public static final ConfigEntry<Long> SESSION_TIMEOUT = ConfigEntry.key("ember.connect.session.timeout")
            .doc("A session with no request and no running operation for this long is closed, its views and"
                    + " artifacts dropped.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("60min");

    public static final ConfigEntry<Integer> MAX_SESSIONS = ConfigEntry.key("ember.connect.session.maxSessions")
            .doc("The most client sessions the server holds at once; a new one beyond it is refused.")
            .intConf()
            .positive()
            .defaultValue(1000);

    public static final ConfigEntry<Integer> MAX_OPERATIONS = ConfigEntry.key("ember.connect.session.maxOperations")
            .doc("The most operations of one session running or holding results at once; a new one beyond it is"
                    + " refused until the client releases one.")
            .intConf()
            .positive()
            .defaultValue(32);

    public static final ConfigEntry<Long> PROGRESS_INTERVAL = ConfigEntry.key("ember.connect.progress.reportInterval")
            .doc("How often a running operation reports the progress of its stages to the client (ExecutionProgress,"
                    + " when it changed); 0 sends none.")
            .timeConf(TimeUnit.MILLISECONDS)
            .nonNegative()
            .defaultString("1s");

    public static final ConfigEntry<Long> ABANDONED_OPERATION_TIMEOUT = ConfigEntry.key(
                    "ember.connect.execute.abandonedTimeout")
            .doc("A finished operation whose client has not reattached or released it for this long is released.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("10min");

    public static final ConfigEntry<Long> MAX_ARTIFACT_BYTES = ConfigEntry.key(
                    "ember.connect.artifacts.maxSessionBytes")
            .doc("The most bytes of artifacts (cached local relations, classes, jars) one session may upload.")
            .bytesConf(ByteSizes.Unit.MIB)
            .atLeast(1024, "at least 1k")
            .defaultString("256m");

    public static final ConfigEntry<Long> MAX_TOTAL_ARTIFACT_BYTES = ConfigEntry.key(
                    "ember.connect.artifacts.maxTotalBytes")
            .doc("The most bytes of artifacts all sessions together may hold on the server's heap.")
            .bytesConf(ByteSizes.Unit.MIB)
            .atLeast(1024, "at least 1k")
            .defaultString("1g");

    public static final ConfigEntry<Long> MAX_LOCAL_ROWS = ConfigEntry.key("ember.connect.localRelation.maxRows")
            .doc("The most rows of a local relation (createDataFrame from client data).")
            .longConf()
            .atLeast(1, "at least 1")
            .defaultValue(10_000_000L);

    public static final ConfigEntry<Long> MAX_LOCAL_CELLS = ConfigEntry.key("ember.connect.localRelation.maxCells")
            .doc("The most values (rows times columns) of a local relation: what its rows take on the server's heap.")
            .longConf()
            .atLeast(1, "at least 1")
            .defaultValue(50_000_000L);

    public static final ConfigEntry<Long> MAX_SESSION_ARROW_BYTES = ConfigEntry.key(
                    "ember.connect.session.maxArrowMemory")
            .doc("The most off-heap memory one session may use at once for Arrow data it reads or writes.")
            .bytesConf(ByteSizes.Unit.MIB)
            .atLeast(1024 * 1024, "at least 1m")
            .defaultString("1g");

    public static final ConfigEntry<Integer> MAX_STREAM_RESPONSES = ConfigEntry.key(
                    "ember.connect.execute.reattachable.senderMaxStreamResponses")
            .doc("A reattachable result stream ends after this many responses and the client reattaches for the"
                    + " rest, so that no stream outlives what proxies between client and server allow.")
            .intConf()
            .positive()
            .defaultValue(1000);

    public static final ConfigEntry<Long> REQUEST_TIMEOUT = ConfigEntry.key("ember.connect.grpc.requestTimeout")
            .doc("How long a request (or, for uploads, each of its messages) may take to arrive before its call is"
                    + " closed.")
            .timeConf(TimeUnit.MILLISECONDS)
            .positive()
            .defaultString("60s");

    public static final ConfigEntry<Integer> MAX_CALLS_PER_CONNECTION = ConfigEntry.key(
                    "ember.connect.grpc.maxConcurrentCallsPerConnection")
            .doc("The most calls one client connection may have open at once.")
            .intConf()
            .positive()
            .defaultValue(128);

    public static final ConfigEntry<Integer> OPERATION_THREADS = ConfigEntry.key("ember.connect.execute.threads")
            .doc("Threads running clients' plans at once, over all sessions; further plans wait for one.")
            .intConf()
            .positive()
            .defaultValue(16);

    public static final ConfigEntry<String> TOKEN = ConfigEntry.key("ember.connect.authenticate.token")
            .doc("A token every request must carry as 'authorization: Bearer <token>' (sc://host:port/;token=...);"
                    + " empty lets any client in. Prefer the EMBER_CONNECT_TOKEN environment variable, which no"
                    + " process listing shows.")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<String> TLS_CERT = ConfigEntry.key("ember.connect.tls.certChain")
            .doc("A PEM certificate chain: with ember.connect.tls.privateKey, the server speaks TLS only.")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<String> TLS_KEY = ConfigEntry.key("ember.connect.tls.privateKey")
            .doc("The PEM private key (PKCS #8) of ember.connect.tls.certChain.")
            .stringConf()
            .defaultValue("");

    @Override
    public List<ConfigEntry<?>> entries() {
        return List.of(
                PORT,
                ADDRESS,
                MAX_MESSAGE_SIZE,
                MAX_BATCH_SIZE,
                PROGRESS_INTERVAL,
                MAX_BUFFERED_BYTES,
                SESSION_TIMEOUT,
                MAX_SESSIONS,
                MAX_OPERATIONS,
                ABANDONED_OPERATION_TIMEOUT,
                MAX_ARTIFACT_BYTES,
                MAX_TOTAL_ARTIFACT_BYTES,
                MAX_LOCAL_ROWS,
                MAX_LOCAL_CELLS,
                MAX_SESSION_ARROW_BYTES,
                MAX_STREAM_RESPONSES,
                REQUEST_TIMEOUT,
                MAX_CALLS_PER_CONNECTION,
                OPERATION_THREADS,
                TOKEN,
                TLS_CERT,
                TLS_KEY);
    }
}
