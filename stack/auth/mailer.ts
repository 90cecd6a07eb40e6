// Auth e-mails, sent over SMTP to the stack's mail catcher as GoTrue sends them to
// Mailpit in the CLI stack: GoTrue's default subjects and bodies
// (internal/mailer/templatemailer), links of the form
// <api>/auth/v1/verify?token=<hashed token>&type=<type>&redirect_to=<url>, plus the
// one-time code so OTP flows can be tested from the same message.
import nodemailer, { type Transporter } from 'nodemailer';
import type { StackConfig } from '../config.ts';
import { goQueryEscape } from './util.ts';

export type MailType = 'signup' | 'invite' | 'recovery' | 'magiclink' | 'email_change' | 'reauthentication';

const SUBJECTS: Record<MailType, string> = {
  invite: "You've been invited",
  signup: 'Confirm your email address',
  recovery: 'Reset your password',
  magiclink: 'Your sign-in link',
  email_change: 'Confirm your new email address',
  reauthentication: '{{ .Token }} is your verification code',
};

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
}

interface MailData {
  ConfirmationURL: string;
  Token: string;
  NewEmail: string;
}

function body(type: MailType, d: MailData): { html: string; text: string } {
  const url = escapeHtml(d.ConfirmationURL);
  const code = d.Token ? `\n<p>Alternatively, enter the code: ${escapeHtml(d.Token)}</p>` : '';
  const codeText = d.Token ? `\nAlternatively, enter the code: ${d.Token}\n` : '';
  switch (type) {
    case 'invite':
      return {
        html: `<h2>You've been invited</h2>\n\n<p>You've been invited to create an account. Follow the link below to accept.</p>\n<p><a href="${url}">Accept invitation</a></p>${code}`,
        text: `You've been invited\n\nYou've been invited to create an account. Follow the link below to accept.\n\nAccept invitation: ${d.ConfirmationURL}\n${codeText}`,
      };
    case 'signup':
      return {
        html: `<h2>Confirm your email address</h2>\n\n<p>Follow the link below to confirm this email address and finish signing up.</p>\n<p><a href="${url}">Confirm email address</a></p>${code}\n`,
        text: `Confirm your email address\n\nFollow the link below to confirm this email address and finish signing up.\n\nConfirm email address: ${d.ConfirmationURL}\n${codeText}`,
      };
    case 'recovery':
      return {
        html: `<h2>Reset your password</h2>\n\n<p>We received a request to reset your password. Follow the link below to choose a new one.</p>\n<p><a href="${url}">Reset password</a></p>${code}\n<p>If you didn't request this, you can safely ignore this email.</p>`,
        text: `Reset your password\n\nWe received a request to reset your password. Follow the link below to choose a new one.\n\nReset password: ${d.ConfirmationURL}\n${codeText}\nIf you didn't request this, you can safely ignore this email.\n`,
      };
    case 'magiclink':
      return {
        html: `<h2>Your sign-in link</h2>\n\n<p>Follow the link below to sign in. This link expires shortly and can only be used once.</p>\n<p><a href="${url}">Sign in</a></p>${code}`,
        text: `Your sign-in link\n\nFollow the link below to sign in. This link expires shortly and can only be used once.\n\nSign in: ${d.ConfirmationURL}\n${codeText}`,
      };
    case 'email_change':
      return {
        html: `<h2>Confirm your new email address</h2>\n\n<p>Follow the link below to confirm ${escapeHtml(d.NewEmail)} as your new email address.</p>\n<p><a href="${url}">Confirm new email address</a></p>${code}\n<p>If you didn't request this change, you can safely ignore this email.</p>`,
        text: `Confirm your new email address\n\nFollow the link below to confirm ${d.NewEmail} as your new email address.\n\nConfirm new email address: ${d.ConfirmationURL}\n${codeText}\nIf you didn't request this change, you can safely ignore this email.\n`,
      };
    case 'reauthentication':
      return {
        html: `<h2>Your verification code</h2>\n\n<p>Use the code below to verify your identity. It expires shortly.</p>\n<p>${escapeHtml(d.Token)}</p>`,
        text: `Your verification code\n\nUse the code below to verify your identity. It expires shortly.\n\n${d.Token}\n`,
      };
  }
}

/** templatemailer.encodeRedirectURL: escaped only when it contains &, = or #. */
function encodeRedirect(u: string): string {
  return /[&=#]/.test(u) ? goQueryEscape(u) : u;
}

export class Mailer {
  private transport: Transporter;
  private verifyUrl: string;

  constructor(config: StackConfig) {
    this.verifyUrl = `${config.apiUrl}/auth/v1/verify`;
    // One connection per message: nothing stays open to delay the catcher's shutdown.
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.smtpPort,
      secure: false,
      ignoreTLS: true,
      pool: false,
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    });
  }

  /** The verify link GoTrue puts in {{ .ConfirmationURL }} (templatemailer.getPath). */
  actionLink(tokenHash: string, type: string, redirectTo: string): string {
    return `${this.verifyUrl}?token=${goQueryEscape(tokenHash)}&type=${goQueryEscape(type)}&redirect_to=${encodeRedirect(redirectTo)}`;
  }

  async send(
    type: MailType,
    to: string,
    opts: { tokenHash?: string; otp: string; redirectTo?: string; newEmail?: string },
  ): Promise<void> {
    const linkType = type === 'email_change' ? 'email_change' : type;
    const data: MailData = {
      ConfirmationURL:
        opts.tokenHash !== undefined ? this.actionLink(opts.tokenHash, linkType, opts.redirectTo ?? '') : '',
      Token: opts.otp,
      NewEmail: opts.newEmail ?? '',
    };
    const { html, text } = body(type, data);
    await this.transport.sendMail({
      from: 'admin@email.com',
      to,
      subject: SUBJECTS[type].replace('{{ .Token }}', opts.otp),
      html,
      text,
    });
  }

  close(): void {
    this.transport.close();
  }
}
