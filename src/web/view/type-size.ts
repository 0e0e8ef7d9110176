// The body text's size, in one place: the stylesheet sets it on <html>, and the tree path's SVG
// draws its text at the same size (a projector's back row reads both), sizing its boxes from it.

/** The body text in CSS pixels (1rem); the SVG text is never smaller. */
export const BODY_TEXT_PX = 17;
