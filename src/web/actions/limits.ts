// Limits of the page's forms, shared by the form (browser) and the plan (server): no imports, so
// the page's script can load it.

/** A value typed on the page is short; larger ones belong to `ae-demo put` (keeps the page's bodies small). */
export const MAX_PAGE_VALUE_BYTES = 1024;
