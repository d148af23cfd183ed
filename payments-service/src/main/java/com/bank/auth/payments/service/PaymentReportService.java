package com.bank.auth.payments.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.bank.auth.payments.model.Payment;

/** Totals of booked payments in a time window, for the reporting client. */
@ApplicationScoped
public class PaymentReportService {

    public record CurrencyTotal(String currency, BigDecimal amount) {
    }

    public record Report(long count, List<CurrencyTotal> totals) {
    }

    private final EntityManager entityManager;

    PaymentReportService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Booked payments created in {@code [from, to)}, summed per currency. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Report report(Instant from, Instant to) {
        List<Object[]> rows = entityManager.createQuery("""
                select p.currency, count(p), sum(p.amount) from Payment p
                where p.status = :booked and p.createdAt >= :from and p.createdAt < :to
                group by p.currency order by p.currency""", Object[].class)
                .setParameter("booked", Payment.Status.BOOKED)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        long count = rows.stream().mapToLong(row -> (Long) row[1]).sum();
        List<CurrencyTotal> totals = rows.stream()
                .map(row -> new CurrencyTotal((String) row[0], ((BigDecimal) row[2]).setScale(2)))
                .toList();
        return new Report(count, totals);
    }
}
