/**
 * Accent folding for matching: "Hà Nam" → "ha nam", "Đảng" → "dang". Used on both sides of every
 * lexical comparison (index and question) so Vietnamese names match with or without diacritics.
 */
const NON_ASCII = /[^\u0000-\u007f]/;

export function fold(text: string): string {
  // Plain ASCII has nothing to fold (NFD leaves it as it is): most of the reports' English text.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}
