/** Shown instead of the app when the build lacks its Supabase settings; it must not touch Supabase. */
export function EnvErrorScreen({ problems }: { problems: string[] }) {
  return (
    <main className="page-center">
      <title>Configuration needed · Ledgerline</title>
      <section className="card" role="alert" aria-labelledby="env-error-heading">
        <h1 id="env-error-heading">Ledgerline is not configured</h1>
        <p>The app was built without the settings it needs to reach Supabase:</p>
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
        <p>
          <code>npm run dev</code> sets them for the local stack. For another Supabase project, set{' '}
          <code>VITE_SUPABASE_URL</code> and <code>VITE_SUPABASE_ANON_KEY</code> (for example in <code>.env.local</code>
          ) and rebuild.
        </p>
      </section>
    </main>
  );
}
