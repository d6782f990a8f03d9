// A Vite plugin that cuts from Lit's production modules what this element can never reach, so the
// script-tag build stays small: the hooks for @lit/polyfill-support and SSR hydration (neither exists in the
// ES2022 browsers this build targets, and this element is never server-rendered), the version stamps Lit
// pushes onto globals for its dev-mode "multiple copies" warning, decorator metadata (the element declares
// `static properties`, no decorators), and the long texts of errors thrown only on misuse of `css`/`html`
// (they still throw), svg``/mathml`` templates, bindings inside raw-text elements and in element position, and
// decorator initializers; directives and what only they use (a part's connection state, parentNode, type),
// precompiled templates, `renderBefore`/`creationScope`, the Object/Array attribute converters, the `useDefault`
// property option, properties with accessors of their own or symbol keys, custom converters, the `state` and
// `noAccessor` options, removeController, bindings inside comments, listener objects and options, DOM nodes as
// values, and the <style> fallback for browsers without constructable style sheets (the element's
// templates and properties use none of them). Each cut is an exact string of the installed Lit version; one that
// no longer matches (after a Lit upgrade) is skipped with a warning, which costs bytes but never behaviour.

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
    // Attribute converters for Object and Array properties (the element's are strings and numbers).
    ['case Object:case Array:t=null==t?t:JSON.stringify(t)', ''],
    ['case Object:case Array:try{i=JSON.parse(t)}catch(t){i=null}', ''],
    // The `useDefault` property option (none of the element's properties sets it).
    ['useDefault:!1,', ''],
    ['||i.useDefault&&i.reflect&&h===this._$Ej?.get(t)&&!this.hasAttribute(r._$Eu(t,i))', ''],
    [
      'C(t,s,{useDefault:i,reflect:e,wrapped:h},r){i&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,r??s??this[t]),!0!==h||void 0!==r)||(this._$AL.has(t)||(this.hasUpdated||i||(s=void 0),this._$AL.set(t,s)),!0===e&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}',
      'C(t,s,{reflect:e}){this._$AL.has(t)||(this.hasUpdated||(s=void 0),this._$AL.set(t,s)),!0===e&&this._$Em!==t&&(this._$Eq??=new Set).add(t)}',
    ],
    ['this[e]=r??this._$Ej?.get(e)??r', 'this[e]=r'],
    // Reactive properties with an accessor of their own on the prototype ("wrapped": the element's are plain
    // declared fields), symbol-keyed properties, and removeController (nothing removes a controller).
    ['this.prototype.hasOwnProperty(t)&&((s=Object.create(s)).wrapped=!0),', ''],
    [
      'const t=this.constructor.elementProperties;if(t.size>0)for(const[s,i]of t){const{wrapped:t}=i,e=this[s];!0!==t||this._$AL.has(s)||void 0===e||this.C(s,void 0,i,e)}',
      '',
    ],
    ['s=[...r(t),...o(t)]', 's=r(t)'],
    ['removeController(t){this._$EO?.delete(t)}', ''],
    ['const{get:e,set:r}=h(this.prototype,t)??{get(){return this[s]},set(t){this[s]=t}};', 'const{get:e,set:r}={get(){return this[s]},set(t){this[s]=t}};'],
    // Custom attribute converters and the `state`/`noAccessor` options (the element's properties set none).
    [
      'h="function"==typeof t.converter?{fromAttribute:t.converter}:void 0!==t.converter?.fromAttribute?t.converter:u;',
      'h=u;',
    ],
    ['(void 0!==i.converter?.toAttribute?i.converter:u).toAttribute(s,i.type)', 'u.toAttribute(s,i.type)'],
    ['if(s.state&&(s.attribute=!1),this._$Ei(),this.elementProperties.set(t,s),!s.noAccessor){', 'if(this._$Ei(),this.elementProperties.set(t,s),1){'],
    // `static styles` flattened without the de-duplication and the CSSStyleSheet conversion (see css-tag).
    [
      'static finalizeStyles(s){const i=[];if(Array.isArray(s)){const e=new Set(s.flat(1/0).reverse());for(const s of e)i.unshift(t(s))}else void 0!==s&&i.push(t(s));return i}',
      'static finalizeStyles(s){return[s??[]].flat(1/0)}',
    ],
  ],
  '@lit/reactive-element/css-tag.js': [
    ['Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.")', 'Error("CSSResult")'],
    [
      `Error("Value passed to 'css' function must be a 'css' function result: "+t+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")`,
      'Error("css: "+t)',
    ],
    // Constructable style sheets are in every browser this build targets (the verification view relies on them
    // too): no <style> fallback, no CSSStyleSheet-to-text conversion, no ShadyCSS check.
    [
      't.ShadowRoot&&(void 0===t.ShadyCSS||t.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype',
      '!0',
    ],
    [
      'if(e)s.adoptedStyleSheets=o.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(const e of o){const o=document.createElement("style"),n=t.litNonce;void 0!==n&&o.setAttribute("nonce",n),o.textContent=e.cssText,s.appendChild(o)}',
      's.adoptedStyleSheets=o.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet)',
    ],
    ['c=e?t=>t:t=>t instanceof CSSStyleSheet?(t=>{let e="";for(const s of t.cssRules)e+=s.cssText;return r(e)})(t):t', 'c=t=>t'],
    ['toString(){return this.cssText}', ''],
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
    // Event bindings take functions (no listener objects, no capture/once/passive options); lists are arrays.
    [
      'const s=this._$AH,e=t===A&&s!==A||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,h=t!==A&&(s===A||e);e&&this.element.removeEventListener(this.name,this,s),h&&this.element.addEventListener(this.name,this,t),this._$AH=t',
      'const s=this._$AH;t===A&&s!==A&&this.element.removeEventListener(this.name,this),t!==A&&s===A&&this.element.addEventListener(this.name,this),this._$AH=t',
    ],
    ['handleEvent(t){"function"==typeof this._$AH?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}', 'handleEvent(t){this._$AH.call(this.options?.host??this.element,t)}'],
    ['d=t=>u(t)||"function"==typeof t?.[Symbol.iterator],', 'd=u,'],
    // DOM nodes as values (the element renders text and templates).
    [':void 0!==t.nodeType?this.T(t):d(t)', ':d(t)'],
    // svg`` and mathml`` tags (see above).
    ['w=x(2),T=x(3),', ''],
    [',T as mathml,', ','],
    [',w as svg}', '}'],
    // Bindings inside comments (<!-- ${x} -->): none in this element's templates.
    ['else{let t=-1;for(;-1!==(t=r.data.indexOf(o,t+1));)d.push({type:7,index:l}),t+=o.length-1}', ''],
    // Directives (none used: a directive now throws instead of being resolved), and what only they read: the
    // parts' connection state (AsyncDirective), `parentNode` and `type` of parts.
    [
      'function M(t,i,s=t,e){if(i===E)return i;let h=void 0!==e?s._$Co?.[e]:s._$Cl;const o=a(i)?void 0:i._$litDirective$;return h?.constructor!==o&&(h?._$AO?.(!1),void 0===o?h=void 0:(h=new o(t),h._$AT(t,s,e)),void 0!==e?(s._$Co??=[])[e]=h:s._$Cl=h),void 0!==h&&(i=M(t,h._$AS(t,i.values),h,e)),i}',
      'function M(t,i){if(i?._$litDirective$)throw Error("directive");return i}',
    ],
    ['this._$AV=[],this._$AN=void 0,this._$AD=t', 'this._$AV=[],this._$AD=t'],
    ['get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}', ''],
    ['get _$AU(){return this._$AM?._$AU??this._$Cv}', ''],
    ['this.type=2,this._$AH=A,this._$AN=void 0,this._$AA=t', 'this._$AH=A,this._$AA=t'],
    [',this.options=e,this._$Cv=e?.isConnected??!0}', ',this.options=e}'],
    ['get parentNode(){let t=this._$AA.parentNode;const i=this._$AM;return void 0!==i&&11===t?.nodeType&&(t=i.parentNode),t}', ''],
    ['for(this._$AP?.(!1,!0,s);t!==this._$AB;)', 'for(;t!==this._$AB;)'],
    ['setConnected(t){void 0===this._$AM&&(this._$Cv=t,this._$AP?.(t))}', ''],
    ['get _$AU(){return this._$AM._$AU}constructor(t,i,s,e,h){this.type=1,this._$AH=A,this._$AN=void 0,', 'constructor(t,i,s,e,h){this._$AH=A,'],
    ['class I extends H{constructor(){super(...arguments),this.type=3}', 'class I extends H{'],
    ['class L extends H{constructor(){super(...arguments),this.type=4}', 'class L extends H{'],
    ['constructor(t,i,s,e,h){super(t,i,s,e,h),this.type=5}', ''],
    // Precompiled templates (Lit's template compiler; these are written as html``) and `creationScope`.
    [
      'const{values:i,_$litType$:s}=t,e="number"==typeof s?this._$AC(t):(void 0===s.el&&(s.el=S.createElement(V(s.h,s.h[0]),this.options)),s);',
      'const{values:i}=t,e=this._$AC(t);',
    ],
    ['e=(t?.creationScope??l).importNode(i,!0)', 'e=l.importNode(i,!0)'],
    // Raw-text elements (<script>, <style>, <textarea>, <title>) in templates: none.
    ['(y.test(u[2])&&(n=RegExp("</"+u[2],"g")),c=p)', 'c=p'],
    ['y=/^(?:script|style|textarea|title)$/i,', ''],
    // `renderBefore` (LitElement sets it to the shadow root's first child, which there never is: styles are adopted).
    [
      'const D=(t,i,s)=>{const e=s?.renderBefore??i;let h=e._$litPart$;if(void 0===h){const t=s?.renderBefore??null;e._$litPart$=h=new k(i.insertBefore(c(),t),t,void 0,s??{})}return h._$AI(t),h}',
      'const D=(t,i,s)=>{let h=i._$litPart$;return void 0===h&&(i._$litPart$=h=new k(i.appendChild(c()),null,void 0,s)),h._$AI(t),h}',
    ],
  ],
  'lit-element/lit-element.js': [
    [',s.litElementHydrateSupport?.({LitElement:i});const o=s.litElementPolyfillSupport;o?.({LitElement:i});', ';'],
    ['(s.litElementVersions??=[]).push("4.2.2");', ''],
    // renderBefore and the connection state of the rendered parts (see lit-html above).
    ['createRenderRoot(){const t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}', ''],
    ['this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),', ''],
    ['connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}', ''],
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
