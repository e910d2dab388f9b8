import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built admin at `/`; in development `vite web` proxies the API to it.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (/node_modules\/(@mui|@emotion)\//.test(id)) return 'mui';
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id))
            return 'react';
          if (/node_modules\/(react-admin|ra-[a-z-]+|@tanstack)\//.test(id)) return 'react-admin';
          if (
            /node_modules\/(recharts|d3-[a-z-]+|victory-vendor|@reduxjs|redux|immer|reselect)\//.test(
              id,
            )
          )
            return 'charts';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
});
