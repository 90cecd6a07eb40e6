import type { ReactNode } from 'react';

interface AlertProps {
  tone?: 'error' | 'info';
  title?: string;
  children: ReactNode;
}

/** Errors interrupt (role=alert); information waits its turn (role=status). */
export function Alert({ tone = 'error', title, children }: AlertProps) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`alert alert--${tone}`}>
      {title && <p className="alert__title">{title}</p>}
      <div className="alert__body">{children}</div>
    </div>
  );
}
