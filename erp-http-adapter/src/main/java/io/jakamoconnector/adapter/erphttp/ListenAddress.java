package io.jakamoconnector.adapter.erphttp;

import io.jakamoconnector.domain.model.Check;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where a listener binds: {@code host:port}, an IPv6 host in brackets ({@code [::1]:8470}); port 0 picks a free one. */
record ListenAddress(String host, int port) {
    ListenAddress {
        Check.notBlank("listen.host", host);
        Check.that(port >= 0 && port <= 65535, "listen.port", "must be from 0 to 65535");
    }

    static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        Check.that(colon > 0 && colon < text.length() - 1, "listen", "must be host:port, e.g. 127.0.0.1:8470");
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else {
            Check.that(!host.contains(":"), "listen", "an IPv6 address goes in brackets, e.g. [::1]:8470");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new io.jakamoconnector.domain.model.InvalidValueException("listen",
                    "the port must be a number from 0 to 65535, e.g. 127.0.0.1:8470");
        }
        return new ListenAddress(host, port);
    }

    /** Whether every address the host names is a loopback address (a name that does not resolve is not). */
    boolean loopback() {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
