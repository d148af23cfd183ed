package com.bank.auth.system;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One command to the Redis the suite's session-service uses (RESP over a socket; the tests need no client library). */
final class Redis {

    private Redis() {
    }

    /** The reply's text: a status, an integer or a bulk string (what the tests send answers no more than that). */
    static String command(String... parts) throws IOException {
        String host = System.getenv().getOrDefault("BANK_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("BANK_REDIS_PORT", "6379"));
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(3000);
            StringBuilder request = new StringBuilder("*" + parts.length + "\r\n");
            for (String part : parts) {
                request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String line = line(in);
            if (line.startsWith("-")) {
                throw new IOException("Redis refused " + parts[0] + ": " + line.substring(1));
            }
            if (!line.startsWith("$")) {
                return line.substring(1);
            }
            byte[] bulk = new byte[Integer.parseInt(line.substring(1))];
            in.readFully(bulk);
            return new String(bulk, StandardCharsets.UTF_8);
        }
    }

    private static String line(DataInputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
