import { StandalonePage } from '@/components/standalone-page.tsx';

/** Shown instead of the app when the build lacks its Supabase settings; it must not touch Supabase. */
export function EnvErrorScreen({ problems }: { problems: string[] }) {
  return (
    <StandalonePage title="Ledgerline is not configured" width="md">
      <div role="alert" className="grid gap-3 text-sm">
        <p className="m-0">The app was built without the settings it needs to reach Supabase:</p>
        <ul className="m-0 list-disc pl-5">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
        <p className="m-0">
          <code>npm run dev</code> sets them for the local stack. For another Supabase project, set{' '}
          <code>VITE_SUPABASE_URL</code> and <code>VITE_SUPABASE_ANON_KEY</code> (for example in <code>.env.local</code>
          ) and rebuild.
        </p>
      </div>
    </StandalonePage>
  );
}
