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
            byte[] buffer = new byte[8192];
            StringBuilder reply = new StringBuilder();
            int read = in.read(buffer);
            if (read <= 0) {
                return null;
            }
            reply.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            // A bulk string ($<length>\r\n<bytes>\r\n, e.g. CLUSTER NODES) may come in several reads.
            if (reply.charAt(0) == '$' && reply.indexOf("\r\n") > 0) {
                int header = reply.indexOf("\r\n") + 2;
                int length = Integer.parseInt(reply.substring(1, header - 2));
                while (length >= 0 && reply.length() < header + length + 2 && (read = in.read(buffer)) > 0) {
                    reply.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
                }
            }
            return reply.toString();
        } catch (IOException e) {
            return null;
        }
    }
}
