// HTML from template literals, escaped by default: every value interpolated into `html` is text
// unless it is itself the result of `html` (or `raw`). The page and the report are built with it.

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Markup that is already safe (built here, never from input). */
export function raw(text: string): Html {
  return new Html(text);
}

function render(v: Value): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escape(String(v));
}

/** An SVG drawn at its own scale: one user unit a pixel (its viewBox, width and height). */
export function svgSize(width: number, height: number): Html {
  return html`viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"`;
}

/** A whole page: the head every ae-demo page shares, the title, what else goes in the head, the body. */
export function htmlDocument(o: {
  title: string;
  head: Html;
  bodyClass: string;
  body: Html;
}): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escape(o.title)}</title>
${o.head.text}
</head>
<body class="${escape(o.bodyClass)}">
${o.body.text}
</body>
</html>
`;
}
