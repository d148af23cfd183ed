import { Component, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { Api, ApiError, describe } from './api';
import { ApprovalDialog, Challenge, challengeFor } from './approval-dialog';
import { DateTimePipe, IbanPipe, canonicalIban } from './format';
import { Beneficiary } from './models';
import { LOADING, Remote, RemoteState, load, valueOf } from './remote';

/**
 * Trusted payees (/payees, DESIGN 5a, PSD2 RTS Art. 13): payments to them need no approval up to the high-value
 * amount. Adding one is approved in the same dialog as payments, bound to exactly that payee; removing one needs no
 * approval. One Idempotency-Key per payee being added, reused when the approval comes back.
 */
@Component({
  selector: 'app-payees',
  imports: [FormsModule, ApprovalDialog, DateTimePipe, IbanPipe, RemoteState],
  template: `
    <h1>Trusted payees</h1>
    <p class="muted">Payments to a trusted payee need no approval, except for very large amounts. Adding a payee needs
      your approval once; removing one does not.</p>
    <app-remote-state [remote]="payees()" what="your trusted payees" (retry)="reload()" />
    @if (payees().state === 'ready') {
      <ul class="list" data-testid="payee-list">
        @for (b of list(); track b.id) {
          <li data-testid="payee-item">
            <span data-testid="payee-name-shown">{{ b.name }}</span>
            <span class="mono">{{ b.iban | iban }}</span>
            <span class="muted"><time [attr.datetime]="b.createdAt">{{ b.createdAt | dateTime }}</time></span>
            <button type="button" (click)="remove(b)" [attr.aria-label]="'Remove ' + b.name" data-testid="payee-remove">Remove</button>
          </li>
        } @empty {
          <li class="muted" data-testid="payee-list-empty">No trusted payees yet.</li>
        }
      </ul>
    }

    <h2 id="add-payee">Trust a payee</h2>
    <form (ngSubmit)="add()" aria-labelledby="add-payee" novalidate>
      <label for="payee-name">Name</label>
      <input id="payee-name" name="name" data-testid="payee-name" [(ngModel)]="name" required maxlength="140" autocomplete="off" />
      <label for="payee-iban">IBAN</label>
      <input id="payee-iban" name="iban" data-testid="payee-iban" [(ngModel)]="iban" required autocomplete="off" spellcheck="false"
        autocapitalize="characters" />
      <button #addButton type="submit" class="primary" data-testid="payee-add" [disabled]="busy()">Trust this payee</button>
    </form>
    <p role="status" aria-live="polite" data-testid="payee-message">{{ message() }}</p>

    @if (challenge(); as c) {
      <app-approval-dialog [challenge]="c" [returnFocus]="addButton" (approved)="approved()" (cancelled)="cancel()" />
    }
  `,
})
export class PayeesPage implements OnInit {
  protected name = '';
  protected iban = '';
  protected readonly payees = signal<Remote<Beneficiary[]>>(LOADING);
  protected readonly message = signal('');
  protected readonly busy = signal(false);
  protected readonly challenge = signal<Challenge | null>(null);
  private pending: { key: string; body: { name: string; iban: string } } | null = null;

  constructor(private readonly api: Api) {}

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  protected list(): Beneficiary[] {
    return valueOf(this.payees(), []);
  }

  async reload(): Promise<void> {
    this.payees.set(await load(() => this.api.get<Beneficiary[]>('/api/beneficiaries')));
  }

  async add(): Promise<void> {
    const body = { name: this.name.trim(), iban: canonicalIban(this.iban) };
    if (!this.pending || JSON.stringify(this.pending.body) !== JSON.stringify(body)) {
      this.pending = { key: crypto.randomUUID(), body };
    }
    await this.send();
  }

  async approved(): Promise<void> {
    this.challenge.set(null);
    await this.send();
  }

  cancel(): void {
    this.challenge.set(null);
    this.message.set('Payee not added.');
  }

  async remove(b: Beneficiary): Promise<void> {
    try {
      await this.api.delete(`/api/beneficiaries/${b.id}`);
      this.message.set(`${b.name} is no longer a trusted payee.`);
    } catch (e) {
      this.message.set(describe(e));
    }
    await this.reload();
  }

  private async send(): Promise<void> {
    const pending = this.pending!;
    this.busy.set(true);
    try {
      await this.api.post('/api/beneficiaries', pending.body, { 'Idempotency-Key': pending.key });
      this.message.set(`${pending.body.name} is a trusted payee now.`);
      this.pending = null;
      this.name = this.iban = '';
      await this.reload();
    } catch (e) {
      if (e instanceof ApiError && e.is('step-up-required')) {
        this.message.set('Trusting a payee needs your approval.');
        await this.openChallenge(pending.key);
      } else {
        this.message.set(describe(e, 'The payee could not be added; please try again.'));
      }
    } finally {
      this.busy.set(false);
    }
  }

  private async openChallenge(idempotencyKey: string): Promise<void> {
    const challenge = await challengeFor(this.api, idempotencyKey, 'beneficiary');
    if (typeof challenge === 'string') {
      this.message.set(challenge);
    } else {
      this.challenge.set(challenge);
    }
  }
}
