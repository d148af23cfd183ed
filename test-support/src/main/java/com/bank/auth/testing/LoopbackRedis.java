package com.bank.auth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One inline command to a Redis (or Sentinel) on loopback, for the test resources' "is it there?" probes. */
final class LoopbackRedis {

    private LoopbackRedis() {
    }

    /** The start of the reply to {@code inlineCommand} on {@code port}, or null when nothing answers in time. */
    static String reply(int port, String inlineCommand) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[512];
            int read = in.read(reply);
            return read > 0 ? new String(reply, 0, read, StandardCharsets.US_ASCII) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
