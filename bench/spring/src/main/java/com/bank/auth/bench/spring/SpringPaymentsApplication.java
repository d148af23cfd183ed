package com.bank.auth.bench.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * payments-service's {@code GET /accounts} as a Spring Boot team would write it: the yardstick of {@code ./suite bench}
 * B8 (issue 25: "payments vs a Spring Boot resource server doing the same work"). The same checks on the same token,
 * the same query on the same table, the same JSON; nothing of the suite's own code.
 */
@SpringBootApplication
public class SpringPaymentsApplication {

    public static void main(String[] args) {
        SpringApplication.run(SpringPaymentsApplication.class, args);
    }
}
