import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import path from 'node:path';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { '@': path.resolve(import.meta.dirname, 'src') },
  },
  server: {
    port: 5173,
    // `npm run dev` may run beside another checkout; take the next free port instead of failing.
    strictPort: false,
  },
  build: {
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Libraries every page loads get their own long-lived chunks, so a release that only changes
          // app code does not make returning users download React or supabase-js again. Keep these lists
          // to packages the first page needs: anything matched here is loaded with its group. UI libraries
          // (Radix, cmdk, TanStack Table, react-hook-form) stay with the lazy routes that use them.
          groups: [
            {
              name: 'vendor-react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/](react-query|query-core))[\\/]/,
            },
            { name: 'vendor-supabase', test: /[\\/]node_modules[\\/](@supabase[\\/][^\\/]+|iceberg-js)[\\/]/ },
          ],
        },
      },
    },
  },
});
