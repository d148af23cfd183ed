import { Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { DateTimePipe, IbanPipe, MoneyPipe } from './format';
import { Payment } from './models';

/** Payments as a list of links to their detail pages: payee, amount, status and when. */
@Component({
  selector: 'app-payment-list',
  imports: [RouterLink, MoneyPipe, IbanPipe, DateTimePipe],
  template: `
    <ul class="list payments">
      @for (p of payments(); track p.id) {
        <li>
          <a [routerLink]="['/payments', p.id]" data-testid="payment-link">
            <span class="payee">{{ p.creditor.name }}</span>
            <span class="amount" data-testid="payment-amount-shown">{{ p.amount | money: p.currency }}</span>
            <span class="muted iban">{{ p.creditor.iban | iban }}</span>
            <span class="muted when"><time [attr.datetime]="p.createdAt">{{ p.createdAt | dateTime }}</time> · {{ statusOf(p) }}</span>
          </a>
        </li>
      }
    </ul>
  `,
})
export class PaymentList {
  readonly payments = input.required<Payment[]>();

  protected statusOf(p: Payment): string {
    return paymentStatus(p.status);
  }
}

/** payments-service's status ("BOOKED") in words. */
export function paymentStatus(status: string): string {
  return status ? status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ') : '';
}
