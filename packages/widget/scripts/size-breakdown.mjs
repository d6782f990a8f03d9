// Where the script-tag file's bytes go (issue 14 item 1): the classic build is made once more in a temporary
// directory with its modules captured; each module is minified alone and its share is what gzip of all modules
// loses without it, scaled to the real file's min+gzip size (gzip shares context across modules, so the
// shares are estimates that add up to the file's size only roughly).
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import {transform} from 'esbuild';
import {build} from 'vite';

const gz = (s) => gzipSync(Buffer.from(s), {level: 9}).length;

/** The part a module belongs to. */
function partOf(id) {
  if (/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(id)) return 'Lit';
  if (/\.styles\.ts$/.test(id)) return 'styles';
  if (/\/i18n\/en\.ts$/.test(id)) return 'English strings';
  if (/\/i18n\//.test(id)) return 'locale choice, error-code table, language loader';
  return 'element code';
}

/** `{total, parts: [[part, bytes]], modules: [[path, bytes]]}`, bytes min+gzip. */
export async function sizeBreakdown() {
  const dir = mkdtempSync(join(tmpdir(), 'widget-size-'));
  let chunk;
  try {
    await build({
      configFile: new URL('../vite.config.ts', import.meta.url).pathname,
      logLevel: 'silent',
      build: {outDir: dir, emptyOutDir: true, lib: {entry: 'src/index.ts', name: 'WhatsappSignup', formats: ['iife'], fileName: () => 'c.js'}},
      plugins: [{name: 'capture', generateBundle(_o, bundle) { chunk = Object.values(bundle).find((c) => c.type === 'chunk'); }}],
    });
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
  const total = gz(chunk.code);
  const mods = [];
  for (const [id, m] of Object.entries(chunk.modules)) {
    if (m.code) mods.push([id, (await transform(m.code, {minifyWhitespace: true, minifySyntax: true, target: 'es2022'})).code]);
  }
  const all = gz(mods.map(([, c]) => c).join(''));
  const share = (ids) => Math.round((all - gz(mods.filter(([i]) => !ids.includes(i)).map(([, c]) => c).join(''))) * (total / all));
  const parts = new Map();
  for (const [id] of mods) parts.set(partOf(id), [...(parts.get(partOf(id)) ?? []), id]);
  return {
    total,
    parts: [...parts].map(([part, ids]) => [part, share(ids)]).sort((a, b) => b[1] - a[1]),
    modules: mods
      .map(([id]) => [id.replace(/.*node_modules\//, '').replace(/.*\/packages\/widget\//, ''), share([id])])
      .sort((a, b) => b[1] - a[1]),
  };
}
