// The stylesheet's parts kept beside what they style (style.ts takes them in, after its own rules).
import { SEQUENCE_CSS } from './sequence-style.js';
import { TIME_CSS } from './time.js';
import { REPAIR_CSS } from './repair-style.js';
import { CAUSALITY_CSS } from './causality-svg.js';

export const PARTS_CSS = `${SEQUENCE_CSS}${TIME_CSS}${REPAIR_CSS}${CAUSALITY_CSS}`;
