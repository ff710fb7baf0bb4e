/**
 * Accent folding for matching: "Hà Nam" → "ha nam", "Đảng" → "dang". Used on both sides of every
 * lexical comparison (index and question) so Vietnamese names match with or without diacritics.
 */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}
