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
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = new BufferedSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = new BufferedSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    private static Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = new BufferedSocket();
        socket.connect(address);
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
