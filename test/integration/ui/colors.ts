// Colours as the browser computes them, turned into numbers so a test can check that a webview follows the
// workbench's theme and stays readable (WCAG contrast ratio).

export interface Rgb {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Parses `rgb(…)`, `rgba(…)`, `#rgb`, `#rrggbb` and `#rrggbbaa` (what computed styles and theme variables hold). */
export function parseCssColor(text: string): Rgb {
  const t = text.trim().toLowerCase();
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(t);
  if (fn) {
    const alpha = fn[4] === undefined ? 1 : fn[4].endsWith('%') ? Number(fn[4].slice(0, -1)) / 100 : Number(fn[4]);
    return { r: Number(fn[1]), g: Number(fn[2]), b: Number(fn[3]), a: alpha };
  }
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(t)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    const byte = (i: number): number => parseInt(full.slice(i, i + 2), 16);
    return { r: byte(0), g: byte(2), b: byte(4), a: full.length === 8 ? byte(6) / 255 : 1 };
  }
  throw new Error(`not a colour this test reads: ${JSON.stringify(text)}`);
}

export function sameColor(a: string, b: string): boolean {
  const x = parseCssColor(a);
  const y = parseCssColor(b);
  return x.r === y.r && x.g === y.g && x.b === y.b && Math.abs(x.a - y.a) < 0.01;
}

/** WCAG 2 relative luminance of an opaque colour. */
function luminance({ r, g, b }: Rgb): number {
  const channel = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2 contrast ratio (1…21) of a foreground over an opaque background; a translucent foreground is blended. */
export function contrastRatio(foreground: string, background: string): number {
  const bg = parseCssColor(background);
  const fg = parseCssColor(foreground);
  const blended: Rgb = {
    r: fg.r * fg.a + bg.r * (1 - fg.a),
    g: fg.g * fg.a + bg.g * (1 - fg.a),
    b: fg.b * fg.a + bg.b * (1 - fg.a),
    a: 1,
  };
  const [hi, lo] = [luminance(blended), luminance(bg)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
