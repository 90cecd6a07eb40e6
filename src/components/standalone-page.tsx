import type { ReactNode } from 'react';
import { cn } from '@/lib/cn.ts';

interface StandalonePageProps {
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  /** Links under the card ("Create an account", "Back to sign in"). */
  footer?: ReactNode;
  width?: 'sm' | 'md';
}

/** Pages outside the app shell (sign-in, sign-up, invitations, first run): one centred card. */
export function StandalonePage({ title, description, children, footer, width = 'sm' }: StandalonePageProps) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 px-4 py-10">
      <title>{`${title} · Ledgerline`}</title>
      <p className="m-0 flex items-center gap-2 text-lg font-semibold" aria-hidden="true">
        <img src="/favicon.svg" alt="" className="size-7" />
        Ledgerline
      </p>
      <section
        aria-labelledby="page-heading"
        className={cn(
          'w-full rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8',
          width === 'sm' ? 'max-w-md' : 'max-w-2xl',
        )}
      >
        <h1 id="page-heading" className="m-0 text-2xl font-semibold tracking-tight">
          {title}
        </h1>
        {description && <div className="mt-2 text-sm text-muted">{description}</div>}
        <div className="mt-6">{children}</div>
      </section>
      {footer && <div className="flex flex-wrap justify-center gap-x-4 gap-y-2 text-sm">{footer}</div>}
    </main>
  );
}
