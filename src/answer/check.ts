/**
 * A fact-checker's claim weighed against the reports: "Is it correct that Ha Nam admitted about six hundred new
 * members in 2023?" is answered with the report's sentence, and the verdict "No — the reports give 1,251, not about
 * six hundred" is plain data (ClaimCheck) the front ends word in their reader's language.
 */
import type { ClaimedFigure } from "../question/guess.js";
import type { ClaimCheck, Fact } from "../types.js";

/** A figure the answer quotes, with the citation it is quoted from. */
export interface QuotedFact {
  fact: Fact;
  citation: number;
}

const UNIT_SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

/**
 * The verdict on the first claimed figure the quoted facts can be weighed against (a percent against a percent, a
 * count or sum against one, the nearest in size), or null when none can. Within half the claim's last significant
 * digit ("1,300" of 1,251, "9.4%" of 9.41%) it is rounded; a bound ("more than 2,000") holds or not.
 */
export function checkClaim(claims: readonly ClaimedFigure[], quoted: readonly QuotedFact[]): ClaimCheck | null {
  for (const claim of claims) {
    const comparable = quoted.filter((q) => (q.fact.unit === "%") === claim.percent);
    const distance = (q: QuotedFact) => Math.abs(Math.log(Math.abs(valueOf(q.fact)) + 1e-12) - Math.log(Math.abs(claim.value) + 1e-12));
    const nearest = [...comparable].sort((a, b) => distance(a) - distance(b))[0];
    if (!nearest) continue;
    const given = valueOf(nearest.fact);
    const tolerance = 1e-9 * Math.max(1, Math.abs(claim.value));
    const verdict: ClaimCheck["verdict"] =
      claim.bound === "above" ? (given > claim.value ? "confirmed" : "contradicted")
      : claim.bound === "below" ? (given < claim.value ? "confirmed" : "contradicted")
      : Math.abs(given - claim.value) <= tolerance ? "confirmed"
      : Math.abs(given - claim.value) <= claim.precision / 2 + tolerance ? "rounded"
      : "contradicted";
    return { claimed: claim.text, given: nearest.fact.value, citation: nearest.citation, verdict };
  }
  return null;
}

/** A fact's value in units ("68,358 billion VND" → 6.8358e13). */
function valueOf(fact: Fact): number {
  const scale = fact.unit ? UNIT_SCALES[fact.unit.split(/\s+/)[0]!.toLowerCase()] : undefined;
  return fact.number * (scale ?? 1);
}
