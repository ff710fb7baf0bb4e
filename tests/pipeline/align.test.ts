import { describe, expect, it } from "vitest";
import { answerTypeOf, createAligner } from "../../src/answer/align.js";
import { testWordVectors } from "../helpers/word-vectors.js";

// Sentences from the seed reports (data/, the same files as ../shared/corpus/seed).
const HA_NAM_ADMITTED = "During the year, Party committees at all levels admitted 1,251 party members.";
const HA_NAM_INSPECTED =
  "Party committees at all levels inspected 400 party organizations (TCĐ), 756 party members; supervised 409 TCĐs, 816 party members; disciplined 1 TCĐ, 110 party members.";
const HA_NAM_TOTAL_PRODUCT =
  "The total product in the province increased by 9.41% over the same period in 2022 (ranked 5th in the Red River Delta and 8th nationwide).";
const CAM_XUYEN_OPENING =
  "On the morning of December 28th, the Executive Committee of the Cam Xuyen District Party Committee held a conference to summarize the work of Party building and the implementation of political tasks in 2023; the work of building strong and comprehensive grassroots organizations in 2023; and to deploy tasks for 2024.";
const CAM_XUYEN_SPEECH = "Chairman of the Provincial People's Committee Vo Trong Hai delivered a speech giving directions at the conference.";
const THAI_BINH_CHAIR = "Nguyen Khac Than, Deputy Secretary of the Provincial Party Committee, Chairman of the Provincial People's Committee chaired the conference.";
const THAI_BINH_GRDP_SHARE = "The proportion of industry, construction and services in GRDP increased from 72.5% in 2020 to 79% in 2023.";

const rank = (question: { score(s: string): { score: number } }, sentences: string[]) =>
  sentences.map((s) => ({ s, score: question.score(s).score })).sort((a, b) => b.score - a.score).map((r) => r.s);

describe("question-to-sentence alignment through the shipped word vectors", () => {
  it("ranks the sentence saying 'admitted' first for a question saying 'recruited' (a paraphrase the vectors support)", async () => {
    const aligner = createAligner(await testWordVectors());
    const question = aligner.prepare("How many party members were recruited in Ha Nam?");
    expect(rank(question, [HA_NAM_INSPECTED, HA_NAM_ADMITTED])[0]).toBe(HA_NAM_ADMITTED);
    const admitted = question.score(HA_NAM_ADMITTED);
    expect(admitted.exact).toBeGreaterThan(0); // "party", "members"
    expect(admitted.soft).toBeGreaterThan(0); // "recruited" ~ "admitted" (cosine 0.45)
    // Without soft matches the two sentences tie on the words they share: the vectors make the difference.
    const exactOnly = createAligner(await testWordVectors(), { softWeight: 0 }).prepare("How many party members were recruited in Ha Nam?");
    expect(exactOnly.score(HA_NAM_ADMITTED).score).toBeCloseTo(exactOnly.score(HA_NAM_INSPECTED).score, 9);
  });

  it("'GDP' vs 'total product' (GRDP itself has no vector): only a wider soft ramp tells them from 'levels' and 'year'", async () => {
    const vectors = await testWordVectors();
    expect(vectors.has("grdp")).toBe(false);
    // Measured: "gdp" ~ "product" 0.56, but ~ "year" 0.48 and ~ "levels" 0.49: the cosines are compressed.
    expect(vectors.nearest("gdp", ["levels", "product", "year", "members"])[0]!.word).toBe("product");
    const question = "ha nam gdp 2023";
    const tuned = createAligner(vectors).prepare(question); // softRamp 0.05: both matches earn the full soft share
    expect(tuned.score(HA_NAM_TOTAL_PRODUCT).exact).toBe(0);
    expect(tuned.score(HA_NAM_TOTAL_PRODUCT).soft).toBeGreaterThan(0);
    expect(tuned.score(HA_NAM_TOTAL_PRODUCT).score).toBeCloseTo(tuned.score(HA_NAM_ADMITTED).score, 9);
    const wide = createAligner(vectors, { softRamp: 0.15 }).prepare(question);
    expect(rank(wide, [HA_NAM_ADMITTED, HA_NAM_TOTAL_PRODUCT])[0]).toBe(HA_NAM_TOTAL_PRODUCT);
  });

  it("does not count a loose neighbour of a common word: 'growth' is matched exactly or not at all", async () => {
    const question = createAligner(await testWordVectors()).prepare("What was the economic growth of the province?");
    // "growth" ~ "increased" is 0.74, but "growth" is among the 3,000 most frequent words (softMinRank).
    expect(question.score(HA_NAM_TOTAL_PRODUCT).soft).toBe(0);
    const loose = createAligner(await testWordVectors(), { softMinRank: 0 }).prepare("What was the economic growth of the province?");
    expect(loose.score(HA_NAM_TOTAL_PRODUCT).soft).toBeGreaterThan(0);
  });

  it("prefers the sentence holding what the question type asks for: a date for 'when', a name for 'who', a number for 'how many'", async () => {
    const aligner = createAligner(await testWordVectors());
    const when = aligner.prepare("When did the conference take place?");
    expect(when.answerType).toBe("date");
    expect(rank(when, [CAM_XUYEN_SPEECH, CAM_XUYEN_OPENING])[0]).toBe(CAM_XUYEN_OPENING);
    expect(when.score(CAM_XUYEN_SPEECH).answerType).toBe(false);

    const who = aligner.prepare("Who led the conference?");
    expect(who.score(THAI_BINH_CHAIR).answerType).toBe(true); // "Nguyen Khac Than", "Chairman"…
    expect(who.score("The conference was held to review the work in 2023.").answerType).toBe(false);
    expect(rank(who, ["The conference was held to review the work in 2023.", THAI_BINH_CHAIR])[0]).toBe(THAI_BINH_CHAIR);

    const howMany = aligner.prepare("How many party members did Ha Nam admit?");
    expect(howMany.answerType).toBe("number");
    expect(howMany.score(HA_NAM_ADMITTED).answerType).toBe(true);
    // A year the question already gives is not the answer.
    expect(aligner.prepare("How many members in 2023?").score("Members were praised in 2023.").answerType).toBe(false);
  });

  it("gives coverage in [0, 1]: all of the question for a sentence with every content word, none for an unrelated one", async () => {
    const aligner = createAligner(await testWordVectors());
    const question = aligner.prepare("What proportion of GRDP did industry, construction and services have in 2023?");
    expect(question.score(THAI_BINH_GRDP_SHARE).coverage).toBeCloseTo(1, 9);
    const partial = question.score("Industry and construction grew.");
    expect(partial.coverage).toBeGreaterThan(0);
    expect(partial.coverage).toBeLessThan(0.5);
    const unrelated = question.score(CAM_XUYEN_SPEECH);
    expect(unrelated.coverage).toBeLessThan(0.2);
    expect(unrelated.coverage).toBeGreaterThanOrEqual(0);
    expect(question.words.map((w) => w.word)).toEqual(["proportion", "grdp", "industry", "construction", "services", "2023"]);
  });

  it("weighs rare words over common ones by default, and takes the caller's weights (IDF) when given", async () => {
    const vectors = await testWordVectors();
    const defaults = createAligner(vectors).prepare("party members admitted");
    const [party, , admitted] = defaults.words;
    expect(admitted!.weight).toBeGreaterThan(party!.weight);
    const flat = createAligner(vectors, { weight: () => 1 }).prepare("party members admitted");
    expect(flat.words.map((w) => w.weight)).toEqual([1, 1, 1]);
    expect(flat.score("party members").coverage).toBeCloseTo(2 / 3, 9);
  });

  it("matches Vietnamese names with or without accents, and reads numbers whole", async () => {
    const aligner = createAligner(await testWordVectors());
    const question = aligner.prepare("Tỉnh ủy Hà Nam kết nạp 1,251 đảng viên?");
    expect(question.words.map((w) => w.word)).toEqual(["tinh", "uy", "ha", "nam", "ket", "nap", "1251", "dang", "vien"]);
    const sentence = "Ha Nam Provincial Party Committee (Tinh uy): 1,251 new members (dang vien) were admitted.";
    expect(question.score(sentence).exact).toBeGreaterThan(0.6);
    expect(question.score(sentence).coverage).toBeLessThan(1); // "kết nạp" is not in it
  });

  it("reads the answer type from English question wording", () => {
    expect(answerTypeOf("HOW OLD IS THE EARTH")).toBe("number");
    expect(answerTypeOf("how much revenue did the province collect")).toBe("number");
    expect(answerTypeOf("what year did the war end")).toBe("date");
    expect(answerTypeOf("whose idea was it")).toBe("person");
    expect(answerTypeOf("what are the key tasks for 2024")).toBeNull();
  });
});
