package com.bank.auth.session.rest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.bank.auth.testing.RedisClusterTestResource;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The keys matching a pattern on every primary the test's Redis has: the one standalone or Sentinel primary, or each
 * of a cluster's (KEYS through a cluster client asks one node only). Test code: a few lines of RESP over a socket.
 */
final class RedisKeys {

    private RedisKeys() {
    }

    static List<String> all(RedisDataSource redis, String pattern) {
        if (!isCluster(redis)) {
            return redis.key().keys(pattern);
        }
        List<String> keys = new ArrayList<>();
        for (String node : primaries()) {
            keys.addAll(onNode(node, pattern));
        }
        return keys;
    }

    private static boolean isCluster(RedisDataSource redis) {
        return redis.execute("INFO", "cluster").toString().contains("cluster_enabled:1");
    }

    /** {@code host:port} of each primary of the loopback cluster. */
    static List<String> primaries() {
        List<String> primaries = new ArrayList<>();
        String nodes = (String) command("127.0.0.1:" + RedisClusterTestResource.BASE, "CLUSTER", "NODES");
        for (String line : nodes.split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length > 2 && fields[2].contains("master") && !fields[2].contains("fail")) {
                primaries.add(fields[1].substring(0, fields[1].indexOf('@')));
            }
        }
        return primaries;
    }

    @SuppressWarnings("unchecked")
    static List<String> onNode(String node, String pattern) {
        return (List<String>) command(node, "KEYS", pattern);
    }

    private static Object command(String node, String... parts) {
        int colon = node.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(node.substring(0, colon), Integer.parseInt(node.substring(colon + 1))), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*" + parts.length + "\r\n");
            for (String part : parts) {
                request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '$' -> {
                int length = Integer.parseInt(line);
                byte[] bulk = in.readNBytes(length);
                in.readNBytes(2);
                yield new String(bulk, StandardCharsets.UTF_8);
            }
            case '*' -> {
                List<Object> items = new ArrayList<>();
                for (int i = Integer.parseInt(line); i > 0; i--) {
                    items.add(read(in));
                }
                yield items;
            }
            case '-' -> throw new IllegalStateException(line);
            default -> line;
        };
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            buffer.write(b);
        }
        in.read();
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
