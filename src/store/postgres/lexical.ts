import { stemmer } from "stemmer";

// Full-text search on PostgreSQL with the embedded store's words: text is folded (the same `fold` as
// FTS5's input), split like FTS5's unicode61 tokenizer and Porter-stemmed here in JavaScript, then
// written as a ready-made `tsvector` (no Postgres dictionary touches it). Body words carry weight D,
// article-context words weight A, so one GIN index serves both columns and BM25 can weigh them apart.

const TOKEN = /[\p{L}\p{N}]+/gu;
/** Longer runs are not words (hashes, URLs without separators); FTS5 indexes them, Postgres caps lexemes at 2 KB. */
const MAX_TOKEN = 100;

/** Folded text → stemmed tokens, in order. */
export function lexemes(foldedText: string): string[] {
  const out: string[] = [];
  for (const token of foldedText.match(TOKEN) ?? []) if (token.length <= MAX_TOKEN) out.push(stemmer(token));
  return out;
}

const quote = (lexeme: string) => `'${lexeme.replace(/'/g, "''").replace(/\\/g, "\\\\")}'`;

/** A `tsvector` literal for one passage: body tokens (weight D) then context tokens (weight A); and its length in tokens. */
export function passageTsvector(foldedBody: string, foldedContext: string): { tsvector: string; length: number } {
  const positions = new Map<string, string[]>();
  let at = 0;
  const add = (tokens: string[], weight: string) => {
    for (const lexeme of tokens) {
      at++;
      // Postgres keeps positions up to 16383 and at most 256 per lexeme; a token's count is what BM25 needs.
      const list = positions.get(lexeme) ?? [];
      if (list.length < 256) list.push(`${Math.min(at, 16383)}${weight}`);
      positions.set(lexeme, list);
    }
  };
  const body = lexemes(foldedBody);
  const context = lexemes(foldedContext);
  add(body, "");
  // A position left out between the columns: a phrase never runs from the body into the context (as in FTS5).
  at++;
  add(context, "A");
  const tsvector = [...positions].map(([lexeme, list]) => `${quote(lexeme)}:${list.join(",")}`).join(" ");
  return { tsvector, length: body.length + context.length };
}

/** A parsed FTS5-style query: the `tsquery` text and every lexeme it names (for BM25's sum). */
export interface LexicalQuery {
  tsquery: string;
  lexemes: string[];
}

type Token = { kind: "phrase"; text: string } | { kind: "op"; text: "AND" | "OR" | "NOT" | "(" | ")" | ":" };

function scan(match: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|(\(|\)|:)|([^\s"():]+))/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(match)) && m[0].length) {
    if (m[1] !== undefined) tokens.push({ kind: "phrase", text: m[1].replace(/""/g, '"') });
    else if (m[2]) tokens.push({ kind: "op", text: m[2] as "(" | ")" | ":" });
    else if (m[3] === "AND" || m[3] === "OR" || m[3] === "NOT") tokens.push({ kind: "op", text: m[3] });
    else tokens.push({ kind: "phrase", text: m[3]!.replace(/\*$/, "") });
  }
  return tokens;
}

/**
 * Translates the FTS5 query language the search stage writes (quoted terms, AND / OR / NOT, implicit AND,
 * parentheses, `body :` / `context :` column filters) into a `tsquery` over the lexemes above.
 * Returns null when nothing searchable remains (only punctuation).
 */
export function toTsquery(match: string): LexicalQuery | null {
  const tokens = scan(match);
  const named = new Set<string>();
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (text: string) => peek()?.kind === "op" && peek()!.text === text;

  const or = (weight: string): string | null => {
    const parts: string[] = [];
    for (;;) {
      const part = and(weight);
      if (part) parts.push(part);
      if (!isOp("OR")) break;
      i++;
    }
    return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : `(${parts.join(" | ")})`;
  };
  const and = (weight: string): string | null => {
    const parts: string[] = [];
    for (;;) {
      const part = not(weight);
      if (part) parts.push(part);
      if (isOp("AND")) i++;
      else if (!peek() || isOp("OR") || isOp(")")) break;
    }
    return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : `(${parts.join(" & ")})`;
  };
  const not = (weight: string): string | null => {
    let left = primary(weight);
    while (isOp("NOT")) {
      i++;
      const right = primary(weight);
      if (left && right) left = `(${left} & !${right})`;
    }
    return left;
  };
  const primary = (weight: string): string | null => {
    const token = tokens[i++];
    if (!token) return null;
    if (token.kind === "op") {
      if (token.text === "(") {
        const inner = or(weight);
        if (isOp(")")) i++;
        return inner;
      }
      return null;
    }
    if (isOp(":")) {
      i++;
      const column = token.text === "body" ? "D" : token.text === "context" ? "A" : "";
      return primary(column);
    }
    const words = lexemes(token.text);
    if (words.length === 0) return null;
    for (const w of words) named.add(w);
    const terms = words.map((w) => `${quote(w)}${weight ? `:${weight}` : ""}`);
    return terms.length === 1 ? terms[0]! : `(${terms.join(" <-> ")})`;
  };

  const tsquery = or("");
  return tsquery ? { tsquery, lexemes: [...named] } : null;
}
