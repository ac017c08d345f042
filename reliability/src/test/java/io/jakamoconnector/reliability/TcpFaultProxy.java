package io.jakamoconnector.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small TCP fault proxy (Toxiproxy's toxics that matter for PostgreSQL) between the connector and the test database:
 * {@link Mode#PASS}, {@link Mode#LATENCY} (each chunk waits), {@link Mode#HANG} (connections stay open, no byte moves),
 * {@link #resetAll()} (every open connection is closed with a TCP RST) and {@link Mode#DOWN} (open connections are
 * reset and new ones refused, as when the server is stopped).
 */
final class TcpFaultProxy implements AutoCloseable {
    enum Mode { PASS, LATENCY, HANG, DOWN }

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong latencyMillis = new AtomicLong(0);
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    TcpFaultProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Mode mode() {
        return mode;
    }

    int connectionsAccepted() {
        return accepted.get();
    }

    /** Connections open through the proxy right now. */
    int openConnections() {
        pairs.removeIf(Pair::isClosed);
        return pairs.size();
    }

    void pass() {
        mode = Mode.PASS;
        synchronized (this) {
            notifyAll();
        }
    }

    void latency(long millis) {
        latencyMillis.set(millis);
        mode = Mode.LATENCY;
        synchronized (this) {
            notifyAll();
        }
    }

    void hang() {
        mode = Mode.HANG;
    }

    /** The database goes away: open connections are reset, new ones are refused until {@link #pass()}. */
    void down() {
        mode = Mode.DOWN;
        resetAll();
    }

    /** Every open connection gets a TCP RST (both sides); new connections are served as the mode says. */
    void resetAll() {
        for (Pair pair : pairs) {
            pair.reset();
        }
        pairs.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;   // closed
            }
            if (mode == Mode.DOWN) {
                abort(client);
                continue;
            }
            accepted.incrementAndGet();
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                Pair pair = new Pair(client, upstream);
                pairs.add(pair);
                pair.start();
            } catch (IOException e) {
                abort(client);
            }
        }
    }

    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);   // close with RST, not FIN
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private final class Pair {
        private final Socket client;
        private final Socket upstream;

        Pair(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pump(client, upstream, "c2s");
            pump(upstream, client, "s2c");
        }

        boolean isClosed() {
            return client.isClosed() || upstream.isClosed();
        }

        void reset() {
            abort(client);
            abort(upstream);
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        gate();
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (SocketException e) {
                    // reset or closed by the other pump
                } catch (IOException | InterruptedException e) {
                    // the pair ends
                } finally {
                    reset();
                }
            }, "tcp-fault-proxy-" + direction);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Holds a chunk while the proxy hangs, delays it while it adds latency. */
    private void gate() throws InterruptedException {
        while (mode == Mode.HANG && !closed) {
            synchronized (this) {
                wait(50);
            }
        }
        if (mode == Mode.LATENCY) {
            Thread.sleep(latencyMillis.get());
        }
        if (mode == Mode.DOWN) {
            throw new InterruptedException("proxy down");
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        resetAll();
    }
}
