import { Component, signal } from '@angular/core';

import { Api, describe } from './api';

/**
 * Local demo only: the text messages the suite's SMS outbox holds for the signed-in user (the newest first), where a
 * phone would show them. Outside the local profile mfa-service has no outbox and this says so.
 */
@Component({
  selector: 'app-demo-outbox',
  template: `
    <button type="button" data-testid="sms-outbox" (click)="show()">Show demo text messages</button>
    @if (text()) { <p class="notice mono" role="status" data-testid="sms-outbox-text">{{ text() }}</p> }
  `,
})
export class DemoOutbox {
  protected readonly text = signal('');

  constructor(private readonly api: Api) {}

  async show(): Promise<void> {
    try {
      const messages = await this.api.get<{ text: string }[]>('/bff/mfa/sms-outbox');
      this.text.set(messages[0]?.text ?? 'No messages.');
    } catch (e) {
      this.text.set(describe(e));
    }
  }
}
