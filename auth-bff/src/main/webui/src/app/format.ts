import { Pipe, PipeTransform } from '@angular/core';

/*
 * How the app shows money, IBANs and times to people, and how it reads what people type or paste. Display uses the
 * browser's locale and time zone (Intl); what is sent to the server is always the canonical form ("1234.50",
 * "DE89370400440532013000").
 */

/** 1234567.5 EUR as "€1,234,567.50" (en-GB) or "1.234.567,50 €" (de-DE): grouping, the currency, its decimals. */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  try {
    // Intl formats a decimal string exactly (no binary floating point in between).
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount as unknown as number);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** "DE89370400440532013000" as "DE89 3704 0044 0532 0130 00": for reading only, never for input. */
export function formatIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** An instant as a date and time in the user's own time zone and locale. */
export function formatDateTime(instant: string, locale?: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** What people paste as an IBAN ("de89 3704-0044 0532 0130 00") in its canonical form; the server checks it. */
export function canonicalIban(input: string): string {
  return input.replace(/[\s\u00a0-]+/g, '').toUpperCase();
}

/**
 * An amount as typed ("1.234,50" in de-DE, "1,234.50" or "12,50" anywhere) to "1234.50", or null if it is not an
 * amount with at most two decimals. The locale's decimal separator is the decimal one; the other one groups digits,
 * except that a single one followed by one or two digits at the end is read as decimal (people paste "12,50").
 */
export function canonicalAmount(input: string, locale?: string): string | null {
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  const other = decimal === ',' ? '.' : ',';
  let s = input.replace(/[\s\u00a0\u202f'’]/g, '');
  if (!s.includes(decimal) && new RegExp(`^[^${escape(other)}]*${escape(other)}\\d{1,2}$`).test(s)) {
    s = s.replace(other, decimal);
  }
  s = s.split(other).join('');
  if (decimal !== '.') {
    s = s.replace(decimal, '.');
  }
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!match) {
    return null;
  }
  const whole = match[1].replace(/^0+(?=\d)/, '');
  return `${whole}.${(match[2] ?? '').padEnd(2, '0')}`;
}

function escape(c: string): string {
  return c === '.' ? '\\.' : c;
}

@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(amount: string | null | undefined, currency: string | null | undefined): string {
    return amount == null || !currency ? '' : formatMoney(amount, currency);
  }
}

@Pipe({ name: 'iban' })
export class IbanPipe implements PipeTransform {
  transform(iban: string | null | undefined): string {
    return iban ? formatIban(iban) : '';
  }
}

@Pipe({ name: 'dateTime' })
export class DateTimePipe implements PipeTransform {
  transform(instant: string | null | undefined): string {
    return instant ? formatDateTime(instant) : '';
  }
}
