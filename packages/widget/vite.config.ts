import {defineConfig} from 'vite';
import languageFiles from './scripts/language-files.mjs';
import minifyLitTemplates from './scripts/minify-templates.mjs';
import trimLit from './scripts/trim-lit.mjs';
import viewFiles from './scripts/view-files.mjs';

// Two files from one entry: an ES module for <script type="module"> (what the BFF serves) and one
// self-contained IIFE for a classic <script> tag. Lit and English are bundled into both so either works from a
// CDN; the other languages are i18n/<tag>.json beside them (fetched by the element when its locale needs one),
// and the rarely needed views views/<name>.js (imported by the element when an onboarding needs one).
export default defineConfig({
  plugins: [minifyLitTemplates(), trimLit(), languageFiles(), viewFiles()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: true,
    sourcemap: false,
    reportCompressedSize: true,
    // Vite keeps whitespace in an ES library build (for downstream bundlers); this file is served to
    // browsers as is, so minify it fully like the classic one.
    rolldownOptions: {
      output: {minify: true},
      // src/i18n/load.ts reads `document.currentScript` first, so `import.meta` being empty in the classic
      // build is expected there.
      onLog(level, log, handler) {
        if (log.code === 'EMPTY_IMPORT_META' && log.id?.endsWith('/src/i18n/load.ts')) return;
        handler(level, log);
      },
    },
    lib: {
      entry: 'src/index.ts',
      name: 'WhatsappSignup',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'whatsapp-signup.js' : 'whatsapp-signup.classic.js'),
    },
  },
});
