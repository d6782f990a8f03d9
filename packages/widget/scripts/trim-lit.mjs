// A Vite plugin that cuts from Lit's production modules what this element can never reach, so the
// script-tag build stays small: the hooks for @lit/polyfill-support and SSR hydration (neither exists in the
// ES2022 browsers this build targets, and this element is never server-rendered), the version stamps Lit
// pushes onto globals for its dev-mode "multiple copies" warning, decorator metadata (the element declares
// `static properties`, no decorators), and the long texts of errors thrown only on misuse of `css`/`html`
// (they still throw). Each cut is an exact string of the installed Lit version; one that no longer matches
// (after a Lit upgrade) is skipped with a warning, which costs bytes but never behaviour.

const CUTS = {
  '@lit/reactive-element/reactive-element.js': [
    [',p=a.reactiveElementPolyfillSupport,', ','],
    ['Symbol.metadata??=Symbol("metadata"),a.litPropertyMetadata??=new WeakMap;', ''],
    ['const t=this[Symbol.metadata];if(null!==t){const s=litPropertyMetadata.get(t);if(void 0!==s)for(const[t,i]of s)this.elementProperties.set(t,i)}', ''],
    [',p?.({ReactiveElement:y}),(a.reactiveElementVersions??=[]).push("2.1.2");', ';'],
  ],
  '@lit/reactive-element/css-tag.js': [
    ['Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.")', 'Error("CSSResult")'],
    [
      `Error("Value passed to 'css' function must be a 'css' function result: "+t+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")`,
      'Error("css: "+t)',
    ],
  ],
  'lit-html/lit-html.js': [
    [',B=t.litHtmlPolyfillSupport;B?.(S,k),(t.litHtmlVersions??=[]).push("3.3.3");', ';'],
    ['Error("invalid template strings array")', 'Error("html")'],
  ],
  'lit-element/lit-element.js': [
    [',s.litElementHydrateSupport?.({LitElement:i});const o=s.litElementPolyfillSupport;o?.({LitElement:i});', ';'],
    ['(s.litElementVersions??=[]).push("4.2.2");', ''],
  ],
};

export default function trimLit() {
  return {
    name: 'trim-lit',
    transform(code, id) {
      const file = Object.keys(CUTS).find((f) => id.replace(/\\/g, '/').endsWith(`/node_modules/${f}`));
      if (!file) return null;
      for (const [from, to] of CUTS[file]) {
        if (code.includes(from)) code = code.replace(from, to);
        else this.warn(`trim-lit: ${file} no longer contains ${JSON.stringify(from.slice(0, 60))}…; left as is`);
      }
      return {code, map: null};
    },
  };
}
