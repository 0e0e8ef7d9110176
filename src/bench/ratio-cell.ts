// A measure's ratio to the base row's, written beside it in a bench table: "1,176 ms (0.72×)".

/**
 * What a ratio over a base of 0 shows. 'blank': nothing, there is no ratio to give (the repair
 * table: hints that moved no bytes). 'quotient': the plain quotient, "(Infinity×)" (the
 * conflicts table, whose lww base is never 0 in a run that measured).
 */
export type OverZero = 'blank' | 'quotient';

/** " (1.23×)": n over the base row's `of`; nothing when there is no base row. */
export function timesBase(n: number, of: number | undefined, overZero: OverZero): string {
  if (of === undefined || (of === 0 && overZero === 'blank')) return '';
  return ` (${(n / of).toFixed(2)}×)`;
}
