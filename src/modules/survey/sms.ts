// The SMS gateway a phone check sends its codes through. The platform knows one kind: an HTTP
// webhook the installation points at its provider's adapter (the office sets its address). The
// interface is what the survey service uses, so another kind of gateway is one more class.
import { eq } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import { surveySettings } from './schema.js';

export interface SmsGateway {
  /** Sends `text` to the mobile number; throws when the gateway did not take it. */
  send(phone: string, text: string): Promise<void>;
}

/** POSTs `{ phone, text }` as JSON to the configured address; a non-2xx answer (or 5 s silence) is a failure. */
export class WebhookSmsGateway implements SmsGateway {
  constructor(readonly url: string) {}
  async send(phone: string, text: string): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, text }),
      signal: AbortSignal.timeout(5000),
      redirect: 'error',
    });
    await res.body?.cancel().catch(() => undefined);
    if (!res.ok) throw new Error(`sms gateway answered ${res.status}`);
  }
}

/** An address fit for the webhook setting: http(s), with a host, no credentials in it. */
export function validWebhookUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && !u.username && !u.password && s.length <= 500;
  } catch {
    return false;
  }
}

export async function smsWebhookUrl(db: Exec): Promise<string> {
  const [row] = await db.select().from(surveySettings).where(eq(surveySettings.id, 1));
  return row?.smsWebhookUrl ?? '';
}

/** The gateway the installation has configured, or null when there is none. */
export async function configuredGateway(db: Exec): Promise<SmsGateway | null> {
  const url = await smsWebhookUrl(db);
  return url ? new WebhookSmsGateway(url) : null;
}
