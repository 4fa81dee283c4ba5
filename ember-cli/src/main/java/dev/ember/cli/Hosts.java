package dev.ember.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The address daemons advertise when none is given. */
final class Hosts {
    private Hosts() {}

    static String localAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
