package org.kawamori.deploy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Picks the ports of the demo. A port the user gave explicitly must be free, or start-up stops with
 * an error naming the option; a default port that is taken (Mosquitto already holds 1883 on
 * development machines) is replaced by a free one, and the banner says which.
 */
final class PortChoice {

    private PortChoice() {}

    static int tcp(String host, Optional<Integer> explicit, int defaultPort, String option) {
        if (explicit.isPresent()) {
            int port = explicit.get();
            if (port != 0 && !tcpFree(host, port)) {
                throw new StartupException(option + " " + port + ": the TCP port is already in use on " + host);
            }
            return port == 0 ? freeTcp(host) : port;
        }
        return tcpFree(host, defaultPort) ? defaultPort : freeTcp(host);
    }

    static int udp(String host, Optional<Integer> explicit, int defaultPort, String option) {
        if (explicit.isPresent()) {
            int port = explicit.get();
            if (port != 0 && !udpFree(host, port)) {
                throw new StartupException(option + " " + port + ": the UDP port is already in use on " + host);
            }
            return port == 0 ? freeUdp(host) : port;
        }
        return udpFree(host, defaultPort) ? defaultPort : freeUdp(host);
    }

    static boolean tcpFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean udpFree(String host, int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeTcp(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("no free TCP port on " + host, e);
        }
    }

    private static int freeUdp(String host) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("no free UDP port on " + host, e);
        }
    }
}
