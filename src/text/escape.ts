/** A literal text as a regular-expression pattern ("Ba Ria - Vung Tau (BR-VT)" matches only itself). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A counted noun as a pattern matching it singular or plural ("members" matches "member" and "members"). */
export function nounPattern(noun: string): string {
  return `${escapeRegExp(noun.replace(/s$/, ""))}s?`;
}
