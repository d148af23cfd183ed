package com.bank.auth.bff.session;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;

import com.bank.auth.bff.client.SessionServiceClient;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * session-service's step-up endpoints as a map keyed by namespace/key, with its rules: unknown entries are 404, and a
 * {@code keepApproved} write leaves an entry holding a step-up token as it is. Any other call goes to {@code others}.
 */
final class InMemoryStepUpStore {

    final Map<String, ObjectNode> entries = new HashMap<>();

    SessionServiceClient client(InvocationHandler others) {
        return (SessionServiceClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { SessionServiceClient.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "putStepUp" -> {
                        ObjectNode stored = entries.get(args[1] + "/" + args[2]);
                        if (!((Boolean) args[3]) || stored == null || !stored.has("stepUpToken")) {
                            entries.put(args[1] + "/" + args[2], ((ObjectNode) args[4]).deepCopy());
                        }
                        yield null;
                    }
                    case "getStepUp" -> {
                        ObjectNode entry = entries.get(args[1] + "/" + args[2]);
                        if (entry == null) {
                            throw new WebApplicationException(404);
                        }
                        yield entry.deepCopy();
                    }
                    case "deleteStepUp" -> {
                        entries.remove(args[1] + "/" + args[2]);
                        yield null;
                    }
                    default -> others.invoke(proxy, method, args);
                });
    }
}
