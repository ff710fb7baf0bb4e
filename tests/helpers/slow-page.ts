/**
 * A page that is flat and valid (under every limit: fewer than 20,000 paragraphs and 30,000 elements) but that
 * Readability needs seconds for: about 1.7 s on the 2-core machine, well past the 0.4–0.5 s budgets the
 * off-thread tests set, on any machine. (A page of 4,000 short paragraphs, used before, took 0.3 s there: under
 * the budget on an idle machine, so those tests passed only under load.)
 */
export const SLOW_PAGE = `<!doctype html><html><head><title>Quang Ninh</title></head><body><article>${Array.from(
  { length: 19000 },
  (_, i) =>
    `<p>Paragraph ${i}: the Quang Ninh Provincial Party Committee reported ${1000 + i} tonnes of seafood in district ${i}, and ${2000 + i} tonnes of rice in commune ${i}, with ${3000 + i} households in ward ${i} and ${4000 + i} hectares of forest in hamlet ${i}.</p>`,
).join("")}</article></body></html>`;
