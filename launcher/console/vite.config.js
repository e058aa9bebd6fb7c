import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The console is built straight into the launcher's classes, so the server jar serves it from
// alertresponder-console/ (see ConsoleAssets.java). Nothing is loaded from elsewhere at run time.
export default defineConfig({
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../target/classes/alertresponder-console', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2020',
  },
  server: {
    // `npm run dev` serves the console with hot reload and sends API calls to a server on 8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
