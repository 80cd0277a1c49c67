/**
 * Work counters for the tests' work bounds (a measure of work, not of time): every loop over the
 * text, its fields or its entries counts each turn, so an input that made the code go over the
 * same text again and again would show as work that grows faster than the input. Internal: not
 * exported from the package.
 */
export const work = { count: 0 };
