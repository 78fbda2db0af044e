import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API server `taizhang serve` listens on in development; TAIZHANG_API points elsewhere. */
const API = process.env.TAIZHANG_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: { proxy: { '/api': API } },
  preview: { proxy: { '/api': API } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is a large (lazy) chunk; the budget that matters is the initial JavaScript, checked in the report.
    chunkSizeWarningLimit: 1500,
  },
});
