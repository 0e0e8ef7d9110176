// Text measured without a browser, for SVG laid out on the server (the live page's tree, the
// simulation's plots): each character is taken as a fixed share of the font size wide, a share
// chosen generous by each drawing so that its labels never clip.

/** Estimated width in px of `text` at `fontPx`, each character `advanceEm` of the font size. */
export function textWidth(text: string, fontPx: number, advanceEm: number): number {
  return text.length * fontPx * advanceEm;
}
