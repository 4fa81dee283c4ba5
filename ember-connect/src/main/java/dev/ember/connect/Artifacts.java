package dev.ember.connect;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.proto.AddArtifactsRequest;
import dev.ember.connect.proto.AddArtifactsResponse;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * AddArtifacts: files a client uploads into its session, in one message each or in chunks, every chunk checked
 * against its CRC-32. Names are relative paths under a known folder ({@code cache/}, {@code classes/},
 * {@code jars/}, {@code files/}, {@code pyfiles/}, {@code archives/}); the session's budget bounds what is kept.
 */
final class Artifacts {
    private static final Pattern NAME =
            Pattern.compile("(cache|classes|jars|files|pyfiles|archives)/[A-Za-z0-9._$/=+-]{1,1000}");

    private final SessionManager sessions;

    Artifacts(SessionManager sessions) {
        this.sessions = sessions;
    }

    StreamObserver<AddArtifactsRequest> receive(StreamObserver<AddArtifactsResponse> observer) {
        return new StreamObserver<>() {
            private ConnectSession session;
            private final List<AddArtifactsResponse.ArtifactSummary> summaries = new ArrayList<>();
            private String chunkedName;
            private ByteArrayOutputStream chunked;
            private long chunksLeft;
            private long chunkedTotal;
            private boolean chunkedCrcOk;
            /** Bytes the upload in progress reserved in the session's and the server's budgets. */
            private long reserved;

            private boolean failed;

            @Override
            public void onNext(AddArtifactsRequest request) {
                if (failed) {
                    return;
                }
                try {
                    if (session == null) {
                        session = sessions.getOrCreate(request.getUserContext().getUserId(), request.getSessionId());
                    }
                    switch (request.getPayloadCase()) {
                        case BATCH -> {
                            for (var artifact : request.getBatch().getArtifactsList()) {
                                String name = checkName(artifact.getName());
                                boolean ok = crcMatches(artifact.getData());
                                if (ok) {
                                    session.addArtifact(
                                            name, artifact.getData().getData().toByteArray());
                                }
                                summaries.add(summary(name, ok));
                            }
                        }
                        case BEGIN_CHUNK -> {
                            var begin = request.getBeginChunk();
                            finishChunked();
                            chunkedName = checkName(begin.getName());
                            if (begin.getTotalBytes() < 0 || begin.getNumChunks() < 1) {
                                throw new EmberException(
                                        ErrorClass.INVALID_ARGUMENT,
                                        "The artifact " + chunkedName + " announces " + begin.getTotalBytes()
                                                + " bytes in " + begin.getNumChunks() + " chunks");
                            }
                            // Room for the whole artifact is reserved before any of it is kept.
                            session.reserveUpload(chunkedName, begin.getTotalBytes());
                            reserved = begin.getTotalBytes();
                            chunkedTotal = begin.getTotalBytes();
                            chunked = new ByteArrayOutputStream();
                            chunksLeft = begin.getNumChunks();
                            chunkedCrcOk = true;
                            addChunk(begin.getInitialChunk());
                        }
                        case CHUNK -> {
                            if (chunked == null) {
                                throw new EmberException(
                                        ErrorClass.INVALID_ARGUMENT, "An artifact chunk without its beginning");
                            }
                            addChunk(request.getChunk());
                        }
                        case PAYLOAD_NOT_SET ->
                            throw new EmberException(
                                    ErrorClass.INVALID_ARGUMENT, "An AddArtifacts message without a payload");
                    }
                } catch (RuntimeException e) {
                    failed = true;
                    abandonChunked();
                    observer.onError(
                            e instanceof StatusRuntimeException status ? status : ConnectErrors.toStatus(e, null));
                }
            }

            private void addChunk(AddArtifactsRequest.ArtifactChunk chunk) {
                chunkedCrcOk &= crcMatches(chunk);
                if (chunked.size() + (long) chunk.getData().size() > chunkedTotal) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "The artifact " + chunkedName + " sent more than the " + chunkedTotal + " bytes it"
                                    + " announced");
                }
                chunked.writeBytes(chunk.getData().toByteArray());
                if (--chunksLeft == 0) {
                    finishChunked();
                }
            }

            private void finishChunked() {
                if (chunked == null) {
                    return;
                }
                boolean complete = chunksLeft == 0 && chunked.size() == chunkedTotal;
                boolean ok = chunkedCrcOk && complete;
                byte[] bytes = chunked.toByteArray();
                // The reservation ends before the artifact is kept, which takes its own room.
                abandonChunked();
                if (ok) {
                    session.addArtifact(chunkedName, bytes);
                }
                summaries.add(summary(chunkedName, ok));
                chunked = null;
                chunkedName = null;
            }

            /** Drops the upload in progress, if any, and gives back its reservation. */
            private void abandonChunked() {
                chunked = null;
                if (reserved > 0) {
                    session.releaseUpload(reserved);
                    reserved = 0;
                }
            }

            @Override
            public void onError(Throwable cancelled) {
                failed = true;
                abandonChunked();
            }

            @Override
            public void onCompleted() {
                if (failed) {
                    return;
                }
                try {
                    finishChunked();
                    if (session == null) {
                        throw new EmberException(ErrorClass.INVALID_ARGUMENT, "An AddArtifacts call with no message");
                    }
                    observer.onNext(AddArtifactsResponse.newBuilder()
                            .setSessionId(session.sessionId)
                            .setServerSideSessionId(session.serverSideSessionId)
                            .addAllArtifacts(summaries)
                            .build());
                    observer.onCompleted();
                } catch (RuntimeException e) {
                    observer.onError(
                            e instanceof StatusRuntimeException status ? status : ConnectErrors.toStatus(e, null));
                }
            }
        };
    }

    private static String checkName(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..") || name.contains("//")) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The artifact name '" + SessionManager.clip(name) + "' is not a relative path under cache/,"
                            + " classes/, jars/, files/, pyfiles/ or archives/");
        }
        return name;
    }

    private static boolean crcMatches(AddArtifactsRequest.ArtifactChunk chunk) {
        CRC32 crc = new CRC32();
        crc.update(chunk.getData().asReadOnlyByteBuffer());
        return crc.getValue() == chunk.getCrc();
    }

    private static AddArtifactsResponse.ArtifactSummary summary(String name, boolean ok) {
        return AddArtifactsResponse.ArtifactSummary.newBuilder()
                .setName(name)
                .setIsCrcSuccessful(ok)
                .build();
    }
}
