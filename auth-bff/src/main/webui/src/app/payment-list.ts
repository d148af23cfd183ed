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
            <span class="muted"><time [attr.datetime]="p.createdAt">{{ p.createdAt | dateTime }}</time> · {{ p.status }}</span>
          </a>
        </li>
      }
    </ul>
  `,
})
export class PaymentList {
  readonly payments = input.required<Payment[]>();
}
