/** A literal text as a regular-expression pattern ("Ba Ria - Vung Tau (BR-VT)" matches only itself). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
