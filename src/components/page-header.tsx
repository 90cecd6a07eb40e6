import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  /** Primary actions of the page (right of the title on a desktop, under it on a phone). */
  actions?: ReactNode;
}

/** The page's one <h1>, and the document title (React 19 hoists <title> into <head>). */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <header className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <title>{`${title} · Ledgerline`}</title>
      <div className="grid gap-1">
        <h1 className="m-0 text-2xl font-semibold tracking-tight">{title}</h1>
        {description && <div className="text-sm text-muted">{description}</div>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </header>
  );
}
