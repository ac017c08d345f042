package io.jakamoconnector.app.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The address a listener binds to: a literal IP address, so that reading the configuration never looks a name up. */
final class BindAddress {
    private BindAddress() {
    }

    /** A literal IPv4 or IPv6 address; never a name, which would need a lookup. */
    static boolean isIpAddress(String text) {
        if (text.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
            return true;
        }
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
