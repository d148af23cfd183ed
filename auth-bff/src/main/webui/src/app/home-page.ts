import { Component, OnInit, signal } from '@angular/core';

import { Api } from './api';
import { Account, Payment } from './models';

@Component({
  selector: 'app-home',
  template: `
    <h1>Accounts</h1>
    <ul class="cards">
      @for (account of accounts(); track account.iban) {
        <li>
          <span>{{ account.name }}</span>
          <span class="mono">{{ account.iban }}</span>
          <strong data-testid="account-balance">{{ account.balance }} {{ account.currency }}</strong>
        </li>
      }
    </ul>
    <h2>Recent payments</h2>
    <ul class="list" data-testid="recent-payments">
      @for (p of payments(); track p.id) {
        <li><span>{{ p.creditor.name }}</span><span>{{ p.amount }} {{ p.currency }}</span><span>{{ p.status }}</span></li>
      } @empty {
        <li class="muted">No payments yet.</li>
      }
    </ul>
  `,
})
export class HomePage implements OnInit {
  protected readonly accounts = signal<Account[]>([]);
  protected readonly payments = signal<Payment[]>([]);

  constructor(private readonly api: Api) {}

  async ngOnInit(): Promise<void> {
    this.accounts.set(await this.api.get<Account[]>('/api/accounts'));
    this.payments.set(await this.api.get<Payment[]>('/api/payments?size=5'));
  }
}
