package dev.ember.connect.it;

import dev.ember.util.ThreadUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between a client and a server on loopback that can drop a connection in the middle of a response: after
 * a given number of bytes from the server, it resets both sides, as a network failure would.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final ExecutorService threads = ThreadUtils.newDaemonCachedThreadPool("cutting-proxy");
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private final AtomicInteger cuts = new AtomicInteger();

    CuttingProxy(int target, int bufferSize) throws IOException {
        this.target = target;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next connection to carry this many more bytes from the server is cut there. */
    void cutAfterNextBytes(long bytes) {
        cutAfter.set(bytes);
    }

    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                threads.execute(() -> pump(client, server, false));
                threads.execute(() -> pump(server, client, true));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (fromServer) {
                    long left = cutAfter.get();
                    if (left >= 0) {
                        if (read >= left) {
                            cutAfter.set(-1);
                            cuts.incrementAndGet();
                            out.write(buffer, 0, (int) left);
                            out.flush();
                            // A reset, as when a network path fails, rather than an orderly close.
                            from.setSoLinger(true, 0);
                            to.setSoLinger(true, 0);
                            from.close();
                            to.close();
                            return;
                        }
                        cutAfter.addAndGet(-read);
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // One side went away: close the other.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        ThreadUtils.shutdownAndAwait(threads, Duration.ofSeconds(5));
    }
}
