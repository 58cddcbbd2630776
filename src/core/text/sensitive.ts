/** The sensitive words as the office typed them: one a line (or separated by commas), trimmed, no duplicates. */
export const parseWords = (text: string): string[] => [...new Set(text.split(/[\r\n,，]+/).map((w) => w.trim()).filter(Boolean))];

/** The words of the list found in a text (case-insensitive for Latin letters). */
export function sensitiveHits(words: readonly string[], text: string): string[] {
  const t = text.toLowerCase();
  return words.filter((w) => w && t.includes(w.toLowerCase()));
}
