import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@carecast/server/config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Outgoing email (port). */
export abstract class Mailer {
  abstract send(message: MailMessage): Promise<void>;
}

/**
 * nodemailer over SMTP when SMTP_URL is set; otherwise the message is written to the log (with its
 * links), so invitations and resets work on a development machine without any mail service.
 */
@Injectable()
export class NodemailerMailer extends Mailer {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
    this.transport = config.mail.smtpUrl ? createTransport(config.mail.smtpUrl) : null;
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.transport) {
      this.logger.log({
        msg: 'email (no SMTP_URL set: logged instead of sent)',
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
      return;
    }
    await this.transport.sendMail({ from: this.config.mail.from, ...message });
  }
}
