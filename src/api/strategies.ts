// The names of the exchange strategies, apart from the exchange itself: the CLI's flags list
// them, and loading a flag's choices must not load the protocol.

/**
 * merkle: the tree walk. riblt: rateless set reconciliation (coded symbols until the difference
 * decodes, see riblt/). full: ship every entry both ways (the seed's original system).
 */
export type Strategy = 'merkle' | 'riblt' | 'full';

/** Every strategy, in the order the CLI lists them. */
export const STRATEGIES: readonly Strategy[] = ['merkle', 'riblt', 'full'];
