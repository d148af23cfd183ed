import { Component, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { Api, ApiError } from './api';
import { Factor } from './models';

interface TotpEnrolment {
  factorId: string;
  otpauthUri: string;
  qrCode: string;
}

/** Second factors: list, enrol TOTP (QR code and manual key), enrol SMS, confirm, remove. */
@Component({
  selector: 'app-security',
  imports: [FormsModule],
  template: `
    <h1>Security</h1>
    <h2>Your second factors</h2>
    <ul class="list" data-testid="mfa-factor-list">
      @for (f of factors(); track f.factorId) {
        <li>
          <span>{{ f.type === 'totp' ? 'Authenticator app' : 'Text message' }}</span>
          <span>{{ f.label }}{{ f.phone ? ' · ' + f.phone : '' }}</span>
          <span data-testid="mfa-factor-status">{{ f.status }}{{ f.lockedUntil ? ' (locked)' : '' }}</span>
          <button type="button" (click)="remove(f)" [attr.aria-label]="'Remove ' + f.label">Remove</button>
        </li>
      } @empty {
        <li class="muted">None yet. Payments above 10,000.00 need one.</li>
      }
    </ul>

    <h2>Add an authenticator app</h2>
    <button type="button" class="primary" data-testid="mfa-enroll-totp" (click)="enrolTotp()">Set up authenticator app</button>
    @if (enrolment(); as e) {
      <div class="enrol">
        <img data-testid="mfa-qr" [src]="e.qrCode" alt="QR code to scan with your authenticator app" width="256" height="256" />
        <p>Or enter this key: <code data-testid="mfa-secret">{{ secretOf(e.otpauthUri) }}</code></p>
      </div>
    }

    <h2>Add a phone for text messages</h2>
    <form (ngSubmit)="enrolSms()">
      <label for="phone">Phone number (international format, e.g. +4915112345678)</label>
      <input id="phone" name="phone" type="tel" data-testid="mfa-sms-phone" [(ngModel)]="phone" autocomplete="tel" />
      <button type="submit" data-testid="mfa-enroll-sms">Send confirmation code</button>
    </form>

    @if (pendingFactorId()) {
      <form (ngSubmit)="confirm()">
        <label for="confirm-code">Code to confirm the new factor</label>
        <input id="confirm-code" name="code" data-testid="mfa-confirm-code" [(ngModel)]="code" inputmode="numeric" autocomplete="one-time-code" />
        <button type="submit" class="primary" data-testid="mfa-confirm">Confirm</button>
      </form>
    }
    <p role="alert" data-testid="mfa-message">{{ message() }}</p>
  `,
})
export class SecurityPage implements OnInit {
  protected readonly factors = signal<Factor[]>([]);
  protected readonly enrolment = signal<TotpEnrolment | null>(null);
  protected readonly pendingFactorId = signal<string | null>(null);
  protected readonly message = signal('');
  protected phone = '';
  protected code = '';

  constructor(private readonly api: Api) {}

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  async enrolTotp(): Promise<void> {
    await this.attempt(async () => {
      const e = await this.api.post<TotpEnrolment>('/bff/mfa/factors/totp', { label: 'Authenticator app' });
      this.enrolment.set(e);
      this.pendingFactorId.set(e.factorId);
      this.message.set('Scan the code, then enter the 6-digit code your app shows.');
    });
  }

  async enrolSms(): Promise<void> {
    await this.attempt(async () => {
      const e = await this.api.post<{ factorId: string }>('/bff/mfa/factors/sms', { label: 'Phone', phoneNumber: this.phone.trim() });
      this.enrolment.set(null);
      this.pendingFactorId.set(e.factorId);
      this.message.set('We sent a code to your phone.');
    });
  }

  async confirm(): Promise<void> {
    await this.attempt(async () => {
      await this.api.post(`/bff/mfa/factors/${this.pendingFactorId()}/confirm`, { code: this.code.trim() });
      this.pendingFactorId.set(null);
      this.enrolment.set(null);
      this.code = '';
      this.message.set('Your new factor is active.');
    });
  }

  async remove(f: Factor): Promise<void> {
    await this.attempt(async () => {
      await this.api.delete(`/bff/mfa/factors/${f.factorId}`);
      this.message.set('Factor removed.');
    });
  }

  protected secretOf(uri: string): string {
    return new URL(uri).searchParams.get('secret') ?? '';
  }

  private async attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.message.set(e instanceof ApiError ? e.message : 'Something went wrong; please try again.');
    }
    await this.reload();
  }

  private async reload(): Promise<void> {
    this.factors.set(await this.api.get<Factor[]>('/bff/mfa/factors'));
  }
}
