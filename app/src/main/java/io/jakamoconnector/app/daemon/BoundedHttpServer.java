package io.jakamoconnector.app.daemon;

import io.jakamoconnector.app.config.HttpLimits;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One HTTP listener that clients cannot starve, for the health endpoint and whatever the connector serves later:
 * Jetty's non-blocking connector, so a connection that sends nothing or half a request holds no thread, with the
 * idle timeout, connection limit and thread bound of {@link HttpLimits}. (The JDK's {@code HttpServer} gives each new
 * connection a thread that blocks reading the request line, with no read timeout: two silent clients starved the
 * old two-thread health endpoint.)
 */
public final class BoundedHttpServer implements AutoCloseable {
    /** Answers one request; runs on a server thread and may block briefly. */
    @FunctionalInterface
    public interface Routes {
        Reply answer(String method, String path);
    }

    /** What to send back; {@code headers} are added to Content-Type and Cache-Control: no-store. */
    public record Reply(int status, String contentType, String body, Map<String, String> headers) {
        public Reply {
            headers = Map.copyOf(headers);
        }

        public Reply(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }
    }

    private final Server server;
    private final ServerConnector connector;

    private BoundedHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Listens on {@code address} and serves {@code routes} until {@link #close()}.
     *
     * @param name names the threads ({@code name-N}) and, in errors, the listener
     */
    public static BoundedHttpServer start(String name, InetSocketAddress address, HttpLimits limits, Routes routes) {
        // the queue of jobs needs no bound of its own: the connection limit bounds it
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 2, 60_000);
        threads.setName(name);
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(8 * 1024);
        http.setIdleTimeout(limits.idleTimeout().toMillis());
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Reply reply = routes.answer(request.getMethod(), Request.getPathInContext(request));
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                response.setStatus(reply.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                reply.headers().forEach((header, value) -> response.getHeaders().put(header, value));
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw new UncheckedIOException(name + " cannot listen on " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + " (" + e.getMessage() + ")", e);
        } catch (Exception e) {
            stopQuietly(server);
            throw new IllegalStateException(name + " did not start: " + e.getMessage(), e);
        }
        return new BoundedHttpServer(server, connector);
    }

    /** The address it listens on, with the actual port when 0 was asked for. */
    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    /** E.g. {@code http://127.0.0.1:9464}. */
    public URI baseUri() {
        String host = connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping a server that failed to start or already stopped: nothing left to release
            server.destroy();
        }
    }
}
