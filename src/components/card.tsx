import type { ReactNode } from 'react';
import { cn } from '@/lib/cn.ts';

interface CardProps {
  title?: string;
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
  children?: ReactNode;
  /** For a card whose content (a table) runs to its edges. */
  flush?: boolean;
  headingLevel?: 2 | 3;
}

export function Card({ title, description, actions, className, children, flush = false, headingLevel = 2 }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={cn('rounded-xl border border-border bg-surface', className)}>
      {(title || actions) && (
        <div className="flex flex-col gap-2 border-b border-border px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
          <div className="grid gap-0.5">
            {title && <Heading className="m-0 text-base font-semibold">{title}</Heading>}
            {description && <div className="text-sm text-muted">{description}</div>}
          </div>
          {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
        </div>
      )}
      <div className={flush ? undefined : 'p-5'}>{children}</div>
    </section>
  );
}
