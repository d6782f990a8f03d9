// The element's views that are files of their own: dist/views/<name>.js, made from src/views/<name>.ts by
// esbuild (one small ES module each; it imports no values, so no second Lit). The BFF serves them beside the
// bundle; the element imports one the first time it needs it. Used by the Vite build (a plugin) and by the
// test runner, which serves the same module to the element running from its sources.
import {readFileSync, readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {minifyTemplates} from './minify-templates.mjs';

const SRC = new URL('../src/views/', import.meta.url);

/** The views with a file of their own: every `src/views/<name>.ts`. */
export const VIEW_NAMES = readdirSync(SRC)
  .map((f) => /^([a-z-]+)\.ts$/.exec(f)?.[1])
  .filter(Boolean);

/** The minified ES module of one view, or undefined for a name without a file. */
export async function viewModule(name) {
  if (!VIEW_NAMES.includes(name)) return undefined;
  const out = await build({
    entryPoints: [fileURLToPath(new URL(`${name}.ts`, SRC))],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'warning',
    // A value import of Lit would bundle a second copy: the view gets Lit's `html` from the element instead.
    external: ['lit', 'lit/*', '@lit/*'],
    // The same template squeezing as the element's own sources get in the Vite build.
    plugins: [
      {
        name: 'minify-templates',
        setup(b) {
          b.onLoad({filter: /\/src\/views\/[^/]+\.ts$/}, ({path}) => ({contents: minifyTemplates(readFileSync(path, 'utf8')), loader: 'ts'}));
        },
      },
    ],
  });
  const code = out.outputFiles[0].text;
  if (/\bfrom\s*["']|\bimport\s*\(|\bimport\s*["']/.test(code)) throw new Error(`src/views/${name}.ts imports a value: pass it in from the element`);
  return code;
}

/** The Vite plugin: emits views/<name>.js next to the bundles. */
export default function viewFiles() {
  return {
    name: 'view-files',
    async generateBundle() {
      for (const name of VIEW_NAMES) {
        this.emitFile({type: 'asset', fileName: `views/${name}.js`, source: await viewModule(name)});
      }
    },
  };
}
