package com.bank.auth.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.bank.auth.session.service.SessionKeys;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.runtime.ShutdownEvent;

/** Test-only: removes every key this test run wrote (its own prefix) when the application stops. */
@ApplicationScoped
class TestKeyCleanup {

    void onStop(@Observes ShutdownEvent event, RedisDataSource redis, SessionKeys keys) {
        try {
            var scan = redis.key().scan(new KeyScanArgs().match(keys.prefix() + "*").count(500));
            while (scan.hasNext()) {
                var batch = scan.next();
                if (!batch.isEmpty()) {
                    redis.key().del(batch.toArray(String[]::new));
                }
            }
        } catch (RuntimeException e) {
            // Redis may be the thing a test made unreachable; nothing was written then.
        }
    }
}
