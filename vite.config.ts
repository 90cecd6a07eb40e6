import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

export default defineConfig({
  plugins: [react()],
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
  },
});
