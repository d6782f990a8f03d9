// A Vite plugin that squeezes the whitespace out of Lit's css`` and html`` templates in the widget's own
// sources (the minifier leaves template text alone). Only files containing such templates are touched,
// and only the static text of those templates changes; expressions are copied as they are.

/** Minifies the static parts of css`` / html`` tagged templates in `src`. */
export function minifyTemplates(src) {
  let out = '';
  let i = 0;
  const n = src.length;

  const copyQuoted = (q) => {
    const start = i++;
    while (i < n && src[i] !== q) i += src[i] === '\\' ? 2 : 1;
    i++;
    out += src.slice(start, i);
  };

  // JS until the `}` closing a template expression (when `inExpr`), or the end.
  const js = (inExpr) => {
    let depth = 0;
    while (i < n) {
      const c = src[i];
      const d = src[i + 1];
      if (c === '"' || c === "'") {
        copyQuoted(c);
      } else if (c === '/' && d === '/') {
        const j = src.indexOf('\n', i);
        const end = j < 0 ? n : j;
        out += src.slice(i, end);
        i = end;
      } else if (c === '/' && d === '*') {
        const end = src.indexOf('*/', i + 2) + 2;
        out += src.slice(i, end);
        i = end;
      } else if (c === '`') {
        const tag = /\b(css|html)\s*$/.exec(out.slice(-12))?.[1];
        out += '`';
        i++;
        template(tag);
      } else {
        if (c === '{') depth++;
        if (c === '}') {
          if (inExpr && depth === 0) return;
          depth--;
        }
        out += c;
        i++;
      }
    }
  };

  const template = (tag) => {
    let text = '';
    const flush = (atStart, atEnd) => {
      out += tag ? squeeze(text, tag, atStart, atEnd) : text;
      text = '';
    };
    let first = true;
    while (i < n) {
      const c = src[i];
      if (c === '\\') {
        text += src.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        flush(first, true);
        out += '`';
        i++;
        return;
      } else if (c === '$' && src[i + 1] === '{') {
        flush(first, false);
        first = false;
        out += '${';
        i += 2;
        js(true);
        out += '}';
        i++;
      } else {
        text += c;
        i++;
      }
    }
  };

  js(false);
  return out;
}

function squeeze(text, tag, atStart, atEnd) {
  if (tag === 'css') {
    let t = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ');
    t = t.replace(/\s*([{};,>])\s*/g, '$1').replace(/:\s+/g, ':').replace(/;}/g, '}');
    // A chunk next to an interpolation keeps no outer space (interpolations here are whole declarations).
    return t.trim();
  }
  // html: whitespace with a line break is layout of the source: drop it next to a tag edge or at the
  // ends of the whole template; keep one space elsewhere (e.g. between attributes around an interpolation).
  return text.replace(/\s*\n\s*/g, (ws, offset, all) => {
    const before = all[offset - 1];
    const after = all[offset + ws.length];
    if (before === '>' || after === '<') return '';
    if ((offset === 0 && atStart) || (offset + ws.length === all.length && atEnd)) return '';
    return ' ';
  });
}

/** The Vite plugin. */
export default function minifyLitTemplates() {
  return {
    name: 'minify-lit-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      return {code: minifyTemplates(code), map: null};
    },
  };
}
