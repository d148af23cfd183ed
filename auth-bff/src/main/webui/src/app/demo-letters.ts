import { Component, OnInit, signal } from '@angular/core';

import { Api, ApiError, describe } from './api';

/** A letter in the local demo outbox (GET /bff/mfa/letter-outbox). */
interface DemoLetter {
  letterId: string;
  sentAt: string;
  text: string;
  activationCode: string;
}

/**
 * Local demo only: the activation letters the suite's letter outbox holds for the signed-in user (the newest first),
 * where a real customer would open their post. Outside the local profile the outbox does not exist (404) and the
 * button is not shown.
 */
@Component({
  selector: 'app-demo-letters',
  template: `
    @if (available()) {
      <button type="button" data-testid="mfa-show-letters" (click)="show()">Show demo letters</button>
      @if (letter(); as l) {
        <div class="notice" role="status">
          <p>{{ l.text }}</p>
          <p>Activation code: <strong class="mono" data-testid="mfa-letter-code">{{ l.activationCode }}</strong></p>
        </div>
      } @else if (message()) {
        <p class="notice" role="status">{{ message() }}</p>
      }
    }
  `,
})
export class DemoLetters implements OnInit {
  protected readonly available = signal(false);
  protected readonly letter = signal<DemoLetter | null>(null);
  protected readonly message = signal('');

  constructor(private readonly api: Api) {}

  async ngOnInit(): Promise<void> {
    try {
      await this.api.get<DemoLetter[]>('/bff/mfa/letter-outbox');
      this.available.set(true);
    } catch (e) {
      // 404: no demo outbox here (not a local run). Anything else: still offer it, it will say what went wrong.
      this.available.set(!(e instanceof ApiError && e.problem.status === 404));
    }
  }

  async show(): Promise<void> {
    try {
      const letters = await this.api.get<DemoLetter[]>('/bff/mfa/letter-outbox');
      this.letter.set(letters[0] ?? null);
      this.message.set(letters.length ? '' : 'No letters yet.');
    } catch (e) {
      this.message.set(describe(e));
    }
  }
}
