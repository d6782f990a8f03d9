// A Vite plugin that cuts from Lit's production modules what this element can never reach, so the
// script-tag build stays small: the hooks for @lit/polyfill-support and SSR hydration (neither exists in the
// ES2022 browsers this build targets, and this element is never server-rendered), the version stamps Lit
// pushes onto globals for its dev-mode "multiple copies" warning, decorator metadata (the element declares
// `static properties`, no decorators), and the long texts of errors thrown only on misuse of `css`/`html`
// (they still throw), svg``/mathml`` templates, bindings inside raw-text elements and in element position, and
// decorator initializers (the element's templates use none of them). Each cut is an exact string of the installed Lit version; one that no longer matches
// (after a Lit upgrade) is skipped with a warning, which costs bytes but never behaviour.

const CUTS = {
  '@lit/reactive-element/reactive-element.js': [
    [',p=a.reactiveElementPolyfillSupport,', ','],
    ['Symbol.metadata??=Symbol("metadata"),a.litPropertyMetadata??=new WeakMap;', ''],
    ['const t=this[Symbol.metadata];if(null!==t){const s=litPropertyMetadata.get(t);if(void 0!==s)for(const[t,i]of s)this.elementProperties.set(t,i)}', ''],
    [',p?.({ReactiveElement:y}),(a.reactiveElementVersions??=[]).push("2.1.2");', ';'],
    // addInitializer() is for decorators; the element has none.
    ['static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}', ''],
    [',void 0!==t.l&&(this.l=[...t.l])', ''],
    [',this.constructor.l?.forEach(t=>t(this))', ''],
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
    // svg`` and mathml`` templates: the element writes html`` only.
    ['let n,l=2===i?"<svg>":3===i?"<math>":"",c=v;', 'let n,l="",c=v;'],
    ['+(2===i?"</svg>":3===i?"</math>":"")', ''],
    ['if(this.el=S.createElement(f,e),P.currentNode=this.el.content,2===i||3===i){const t=this.el.content.firstChild;t.replaceWith(...t.childNodes)}', 'this.el=S.createElement(f,e),P.currentNode=this.el.content;'],
    // Bindings inside <script>, <style>, <textarea> or <title>, and element-position bindings (<p ${x}>, for
    // directives such as ref()): none in this element's templates.
    ['if(y.test(r.tagName)){const t=r.textContent.split(o),i=t.length-1;if(i>0){r.textContent=s?s.emptyScript:"";for(let s=0;s<i;s++)r.append(t[s],c()),P.nextNode(),d.push({type:2,index:++l});r.append(t[i],c())}}', ''],
    ['else t.startsWith(o)&&(d.push({type:6,index:l}),r.removeAttribute(t))', ''],
    [':6===r.type&&(i=new Z(h,this,t))', ':0'],
    ['class Z{constructor(t,i,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=i,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){M(this,t)}}', ''],
    [',F:Z}', '}'],
    // Part getters for directives (none used).
    ['get startNode(){return this._$AA}get endNode(){return this._$AB}', ''],
    ['get tagName(){return this.element.tagName}', ''],
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
