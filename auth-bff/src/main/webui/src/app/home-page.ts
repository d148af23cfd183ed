import { Component, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';

import { Api } from './api';
import { IbanPipe, MoneyPipe } from './format';
import { Account, Payment } from './models';
import { PaymentList } from './payment-list';
import { LOADING, Remote, RemoteState, load, valueOf } from './remote';

/** The accounts with their balances, and the five most recent payments. */
@Component({
  selector: 'app-home',
  imports: [RouterLink, MoneyPipe, IbanPipe, PaymentList, RemoteState],
  template: `
    <h1>Accounts</h1>
    <app-remote-state [remote]="accounts()" what="your accounts" (retry)="loadAccounts()" />
    @if (accounts().state === 'ready') {
      <ul class="cards">
        @for (account of accountList(); track account.iban) {
          <li>
            <span>{{ account.name }}</span>
            <span class="mono" data-testid="account-iban">{{ account.iban | iban }}</span>
            <strong data-testid="account-balance">{{ account.balance | money: account.currency }}</strong>
          </li>
        } @empty {
          <li class="muted">You have no accounts with us yet.</li>
        }
      </ul>
    }
    <h2>Recent payments</h2>
    <app-remote-state [remote]="payments()" what="your payments" (retry)="loadPayments()" />
    @if (payments().state === 'ready') {
      @if (paymentList().length) {
        <app-payment-list [payments]="paymentList()" data-testid="recent-payments" />
        <p><a routerLink="/payments">All payments</a></p>
      } @else {
        <p class="muted" data-testid="recent-payments-empty">No payments yet. <a routerLink="/payments">Make a payment</a></p>
      }
    }
  `,
})
export class HomePage implements OnInit {
  protected readonly accounts = signal<Remote<Account[]>>(LOADING);
  protected readonly payments = signal<Remote<Payment[]>>(LOADING);

  constructor(private readonly api: Api) {}

  async ngOnInit(): Promise<void> {
    await Promise.all([this.loadAccounts(), this.loadPayments()]);
  }

  async loadAccounts(): Promise<void> {
    this.accounts.set(LOADING);
    this.accounts.set(await load(() => this.api.get<Account[]>('/api/accounts')));
  }

  async loadPayments(): Promise<void> {
    this.payments.set(LOADING);
    this.payments.set(await load(() => this.api.get<Payment[]>('/api/payments?size=5')));
  }

  protected accountList(): Account[] {
    return valueOf(this.accounts(), []);
  }

  protected paymentList(): Payment[] {
    return valueOf(this.payments(), []);
  }
}
