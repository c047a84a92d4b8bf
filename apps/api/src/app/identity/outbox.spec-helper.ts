import { Mailer, type MailMessage } from '@carecast/server/identity';

/** A mailer that keeps what it is given to send, for tests to read the links in it. */
export class Outbox extends Mailer {
  readonly sent: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }

  /** The token of the newest link to `path` (`accept-invitation`, `reset-password`) mailed to `email`. */
  linkTo(email: string, path: string): string {
    const mail = [...this.sent].reverse().find((m) => m.to === email && m.text.includes(path));
    const token = mail?.text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`))?.[1];
    if (!token) throw new Error(`no ${path} mail to ${email}`);
    return token;
  }
}
