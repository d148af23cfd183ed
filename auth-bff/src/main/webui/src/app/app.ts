import { Component, OnDestroy, OnInit, signal } from '@angular/core';

import { Api, ApiError } from './api';
import { User } from './models';
import { HomePage } from './home-page';
import { PaymentsPage } from './payments-page';
import { SecurityPage } from './security-page';
import { SessionsPage } from './sessions-page';

type View = 'home' | 'payments' | 'security' | 'sessions';

/** The shell: landing page when signed out; navigation, pages, logout and the idle warning when signed in. */
@Component({
  selector: 'app-root',
  imports: [HomePage, PaymentsPage, SecurityPage, SessionsPage],
  template: `
    @if (loading()) {
      <p class="muted" role="status">Loading…</p>
    } @else if (!user()) {
      <main class="landing">
        <h1>Bank</h1>
        <p>Your accounts, payments and security settings.</p>
        @if (message()) {
          <p class="notice" role="alert">{{ message() }}</p>
        }
        <button type="button" class="primary" data-testid="login-button" (click)="login()">Sign in</button>
      </main>
    } @else {
      <header>
        <span class="brand">Bank</span>
        <nav aria-label="Main">
          <button type="button" data-testid="nav-home" [attr.aria-current]="view() === 'home' ? 'page' : null" (click)="view.set('home')">Home</button>
          <button type="button" data-testid="nav-payments" [attr.aria-current]="view() === 'payments' ? 'page' : null" (click)="view.set('payments')">Payments</button>
          <button type="button" data-testid="nav-security" [attr.aria-current]="view() === 'security' ? 'page' : null" (click)="view.set('security')">Security</button>
          <button type="button" data-testid="nav-sessions" [attr.aria-current]="view() === 'sessions' ? 'page' : null" (click)="view.set('sessions')">Sessions</button>
        </nav>
        <span class="who">{{ user()!.name }}</span>
        <button type="button" data-testid="logout-button" (click)="logout()">Sign out</button>
      </header>
      @if (secondsLeft() !== null && secondsLeft()! <= 60) {
        <div class="warning" role="alertdialog" aria-live="assertive" data-testid="session-expiry-warning">
          You will be signed out in {{ secondsLeft() }} s because of inactivity.
          <button type="button" data-testid="stay-signed-in" (click)="keepalive()">Stay signed in</button>
        </div>
      }
      <main>
        @switch (view()) {
          @case ('home') { <app-home /> }
          @case ('payments') { <app-payments (activity)="refreshUser()" /> }
          @case ('security') { <app-security /> }
          @case ('sessions') { <app-sessions /> }
        }
      </main>
    }
  `,
})
export class App implements OnInit, OnDestroy {
  protected readonly user = signal<User | null>(null);
  protected readonly loading = signal(true);
  protected readonly view = signal<View>('home');
  protected readonly message = signal<string | null>(null);
  protected readonly secondsLeft = signal<number | null>(null);
  private idleExpiresAt = 0;
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly api: Api) {}

  async ngOnInit(): Promise<void> {
    await this.refreshUser();
    this.loading.set(false);
    this.timer = setInterval(() => this.tick(), 1000);
  }

  ngOnDestroy(): void {
    clearInterval(this.timer);
  }

  login(): void {
    window.location.href = '/bff/login?returnTo=/';
  }

  async logout(): Promise<void> {
    const { logoutUrl } = await this.api.post<{ logoutUrl: string }>('/bff/logout');
    this.user.set(null);
    window.location.href = logoutUrl;
  }

  async keepalive(): Promise<void> {
    try {
      const session = await this.api.post<{ idleExpiresAt: string }>('/bff/session/keepalive');
      this.idleExpiresAt = Date.parse(session.idleExpiresAt);
      this.tick();
    } catch (e) {
      this.signedOut(e);
    }
  }

  async refreshUser(): Promise<void> {
    try {
      const user = await this.api.get<User>('/bff/user');
      this.user.set(user);
      this.idleExpiresAt = Date.parse(user.session.idleExpiresAt);
    } catch (e) {
      this.signedOut(e);
    }
  }

  private tick(): void {
    if (!this.user()) {
      return;
    }
    const left = Math.floor((this.idleExpiresAt - Date.now()) / 1000);
    this.secondsLeft.set(Math.max(0, left));
    if (left <= 0) {
      this.user.set(null);
      this.message.set('You were signed out after a period of inactivity.');
    }
  }

  private signedOut(e: unknown): void {
    this.user.set(null);
    if (e instanceof ApiError && e.problem.status === 401 && this.idleExpiresAt > 0) {
      this.message.set('Your session has ended. Please sign in again.');
    }
  }
}
