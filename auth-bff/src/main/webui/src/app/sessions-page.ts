import { Component, OnInit, signal } from '@angular/core';

import { Api } from './api';
import { MySession } from './models';

/** Where the user is signed in; end one session or all others. */
@Component({
  selector: 'app-sessions',
  template: `
    <h1>Your sessions</h1>
    <ul class="list" data-testid="sessions-list">
      @for (s of sessions(); track s.handle) {
        <li>
          <span>{{ s.userAgent ?? 'Unknown browser' }}</span>
          <span>since {{ s.createdAt }}</span>
          <span>{{ s.current ? 'this device' : 'last seen ' + s.lastSeenAt }}</span>
          @if (!s.current) {
            <button type="button" (click)="end(s)">End</button>
          }
        </li>
      }
    </ul>
    <button type="button" data-testid="sessions-end-others" (click)="endOthers()">Sign out everywhere else</button>
  `,
})
export class SessionsPage implements OnInit {
  protected readonly sessions = signal<MySession[]>([]);

  constructor(private readonly api: Api) {}

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  async end(s: MySession): Promise<void> {
    await this.api.delete(`/bff/sessions/${encodeURIComponent(s.handle)}`);
    await this.reload();
  }

  async endOthers(): Promise<void> {
    await this.api.delete('/bff/sessions');
    await this.reload();
  }

  private async reload(): Promise<void> {
    this.sessions.set(await this.api.get<MySession[]>('/bff/sessions'));
  }
}
