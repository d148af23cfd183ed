import { Component, OnInit, signal } from '@angular/core';

import { Api, describe } from './api';
import { DateTimePipe } from './format';
import { MySession } from './models';
import { LOADING, Remote, RemoteState, load, valueOf } from './remote';

/** Where the user is signed in; end one session or all others. */
@Component({
  selector: 'app-sessions',
  imports: [DateTimePipe, RemoteState],
  template: `
    <h1>Your sessions</h1>
    <app-remote-state [remote]="sessions()" what="your sessions" (retry)="reload()" />
    @if (sessions().state === 'ready') {
      <ul class="list" data-testid="sessions-list">
        @for (s of list(); track s.handle) {
          <li>
            <span>{{ s.userAgent ?? 'Unknown browser' }}</span>
            <span>Since <time [attr.datetime]="s.createdAt">{{ s.createdAt | dateTime }}</time></span>
            @if (s.current) {
              <strong>This device</strong>
            } @else {
              <span>Last used <time [attr.datetime]="s.lastSeenAt">{{ s.lastSeenAt | dateTime }}</time></span>
              <button type="button" (click)="end(s)" [attr.aria-label]="'End the session in ' + (s.userAgent ?? 'an unknown browser')">End</button>
            }
          </li>
        }
      </ul>
      <button type="button" data-testid="sessions-end-others" (click)="endOthers()">Sign out everywhere else</button>
    }
    <p role="status" data-testid="sessions-message">{{ message() }}</p>
  `,
})
export class SessionsPage implements OnInit {
  protected readonly sessions = signal<Remote<MySession[]>>(LOADING);
  protected readonly message = signal('');

  constructor(private readonly api: Api) {}

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  protected list(): MySession[] {
    return valueOf(this.sessions(), []);
  }

  async end(s: MySession): Promise<void> {
    await this.act(() => this.api.delete(`/bff/sessions/${encodeURIComponent(s.handle)}`), 'That session has ended.');
  }

  async endOthers(): Promise<void> {
    await this.act(() => this.api.delete('/bff/sessions'), 'You are signed out everywhere else.');
  }

  async reload(): Promise<void> {
    this.sessions.set(await load(() => this.api.get<MySession[]>('/bff/sessions')));
  }

  private async act(action: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await action();
      this.message.set(done);
    } catch (e) {
      this.message.set(describe(e));
    }
    await this.reload();
  }
}
