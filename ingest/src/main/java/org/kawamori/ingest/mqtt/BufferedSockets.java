package org.kawamori.ingest.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered, for Paho. Paho 1.2.5 reads a packet's fixed header and
 * remaining length one byte at a time from the socket's raw stream ({@code DataInputStream.readByte}
 * in {@code MqttInputStream}), each a {@code recv} system call: in {@code bench suite} its receiver
 * thread spent more than half of its time in the kernel. Its output is already buffered.
 *
 * <p>TLS needs none of this: an {@code SSLSocket}'s stream reads whole records and serves single
 * bytes from them.
 */
final class BufferedSockets extends SocketFactory {

    private static final int BUFFER = 64 * 1024;

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    /** A buffered socket connected to {@code remote}, bound first to {@code local} unless it is null. */
    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new BufferedSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }

    /** A socket whose {@link #getInputStream()} is one buffered stream over the raw one. */
    private static final class BufferedSocket extends Socket {

        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(super.getInputStream(), BUFFER);
            }
            return input;
        }
    }
}
