// `cem analyze` settings. The Lit plugin reads `static properties` but treats `{state: true}` entries as
// attributes, and it lists the `dispatchEvent(new X())` calls as unnamed events: both are dropped here so the
// manifest says exactly what the class JSDoc documents.
import {readFileSync} from 'node:fs';

const source = readFileSync(new URL('./src/whatsapp-signup.component.ts', import.meta.url), 'utf8');
const states = new Set([...source.matchAll(/^\s+(\w+): \{state: true\}/gm)].map((m) => m[1]));

export default {
  globs: ['src/whatsapp-signup.component.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'whatsapp-signup-cleanup',
      packageLinkPhase({customElementsManifest}) {
        for (const mod of customElementsManifest.modules) {
          for (const d of mod.declarations ?? []) {
            if (!d.customElement) continue;
            d.attributes = (d.attributes ?? []).filter((a) => !states.has(a.fieldName));
            d.events = (d.events ?? []).filter((e) => e.name);
            d.members = (d.members ?? []).filter((m) => m.privacy !== 'private' && !m.name.startsWith('_'));
            for (const m of d.members) if (states.has(m.name)) m.readonly = true;
          }
        }
      },
    },
  ],
};
