import {defineConfig} from 'vite';

// Two files from one entry: an ES module for <script type="module"> (what the BFF serves) and one
// self-contained IIFE for a classic <script> tag. Lit is bundled into both so either works from a CDN.
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: true,
    sourcemap: false,
    reportCompressedSize: true,
    lib: {
      entry: 'src/index.ts',
      name: 'WhatsappSignup',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'whatsapp-signup.js' : 'whatsapp-signup.classic.js'),
    },
  },
});
