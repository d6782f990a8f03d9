import {fileURLToPath} from 'node:url';
import {defineConfig, type Plugin} from 'vite';
import {extra} from './src/i18n/extra.js';
import minifyLitTemplates from './scripts/minify-templates.mjs';
import trimLit from './scripts/trim-lit.mjs';

// Two builds from one entry, both with Lit bundled so either works from a CDN:
// - `vite build`: dist/whatsapp-signup.js, the ES module for <script type="module"> (what the BFF serves):
//   one self-contained file with every language.
// - `vite build --mode classic`: dist/whatsapp-signup.classic.js, an IIFE for a classic <script> tag, with
//   English inline; es, pt-BR and de are sibling files (dist/whatsapp-signup.classic.<locale>.js) that it
//   loads from its own URL when an element needs them (src/i18n/extra.classic.ts), which keeps the
//   script-tag file within its size budget.
export default defineConfig(({mode}) => {
  const classic = mode === 'classic';
  return {
    plugins: [minifyLitTemplates(), trimLit(), ...(classic ? [localeFiles()] : [])],
    resolve: classic
      ? {alias: [{find: /^\.\/extra\.js$/, replacement: fileURLToPath(new URL('./src/i18n/extra.classic.ts', import.meta.url))}]}
      : {},
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: false,
      minify: true,
      sourcemap: false,
      reportCompressedSize: true,
      // Vite keeps whitespace in an ES library build (for downstream bundlers); this file is served to
      // browsers as is, so minify it fully like the classic one.
      rolldownOptions: {output: {minify: true}},
      lib: {
        entry: 'src/index.ts',
        name: 'WhatsappSignup',
        formats: [classic ? 'iife' : 'es'],
        fileName: () => (classic ? 'whatsapp-signup.classic.js' : 'whatsapp-signup.js'),
      },
    },
  };
});

/** Emits dist/whatsapp-signup.classic.<locale>.js: `document.currentScript.m = {…strings…}`. */
function localeFiles(): Plugin {
  return {
    name: 'whatsapp-signup-locale-files',
    generateBundle() {
      for (const [locale, messages] of Object.entries(extra)) {
        this.emitFile({
          type: 'asset',
          fileName: `whatsapp-signup.classic.${locale}.js`,
          source: `document.currentScript.m=${JSON.stringify(messages)};`,
        });
      }
    },
  };
}
