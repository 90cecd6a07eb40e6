import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Toaster } from '@/components/toaster.tsx';
import { SupabaseContext, type SupabaseClient } from '@/lib/supabase.ts';
import { ThemeProvider } from '@/lib/theme.tsx';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Realtime events drive freshness (DESIGN.md section 4); this only smooths navigation. No polling.
        staleTime: 30_000,
        retry: 1,
      },
    },
  });
}

interface AppProvidersProps {
  supabase: SupabaseClient;
  queryClient: QueryClient;
  children: ReactNode;
}

export function AppProviders({ supabase, queryClient, children }: AppProvidersProps) {
  return (
    <SupabaseContext value={supabase}>
      <QueryClientProvider client={queryClient}>
        <ThemeProvider>
          {children}
          <Toaster />
        </ThemeProvider>
      </QueryClientProvider>
    </SupabaseContext>
  );
}
