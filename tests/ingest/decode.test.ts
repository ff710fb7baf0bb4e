import { describe, expect, it } from "vitest";
import { decodeUpload, detectFormat } from "../../src/ingest/decode.js";
import { parseArticleFile } from "../../src/ingest/index.js";
import { UserError } from "../../src/types.js";
import { seedText } from "./corpus.js";

const MB = 1024 * 1024;
const enc = (s: string) => new TextEncoder().encode(s);

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error("expected a UserError");
}

describe("decodeUpload", () => {
  it("decodes a UTF-8 seed report unchanged", () => {
    const raw = seedText("000");
    expect(decodeUpload("000.txt", enc(raw), 20 * MB)).toBe(raw);
  });

  it("empty and whitespace-only files are refused", () => {
    expect(userError(() => decodeUpload("a.txt", new Uint8Array(0), 20 * MB)).message).toMatch(/a\.txt is empty/);
    expect(userError(() => decodeUpload("b.txt", enc(" \n\t\r\n "), 20 * MB)).code).toBe("empty");
  });

  it("a 25 MB buffer against a 20 MB cap: refused with the size and the limit", () => {
    const e = userError(() => decodeUpload("big.txt", new Uint8Array(25 * MB).fill(0x61), 20 * MB));
    expect(e.message).toContain("25.0 MB");
    expect(e.message).toContain("20.0 MB");
    expect(e.code).toBe("too_large");
  });

  it("binary content: NUL bytes, a PDF header, PNG and ZIP/DOCX magic", () => {
    const nul = userError(() => decodeUpload("x.txt", new Uint8Array([0x48, 0x69, 0x00, 0x01, 0x02]), 20 * MB));
    expect(nul.message).toMatch(/binary/);
    const pdf = userError(() => decodeUpload("report.txt", enc("%PDF-1.7\n%âãÏÓ\n1 0 obj"), 20 * MB));
    expect(pdf.message).toMatch(/looks like a PDF.*\.txt, \.md, \.json or \.html/);
    expect(userError(() => decodeUpload("p.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 20 * MB)).message).toMatch(/PNG image/);
    expect(userError(() => decodeUpload("r.docx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]), 20 * MB)).message).toMatch(/ZIP archive \(or a \.docx/);
  });

  it("non-UTF-8 (a lone Latin-1 0xE9) is refused with advice to re-save as UTF-8", () => {
    const latin1 = new Uint8Array([...enc("Caf"), 0xe9, ...enc(" conference report")]);
    const e = userError(() => decodeUpload("latin1.txt", latin1, 20 * MB));
    expect(e.message).toMatch(/not UTF-8.*Re-save it as UTF-8/);
    expect(e.code).toBe("not_utf8");
  });

  it("UTF-16 is refused with the same advice", () => {
    expect(userError(() => decodeUpload("u16.txt", new Uint8Array([0xff, 0xfe, 0x48, 0x00]), 20 * MB)).message).toMatch(/UTF-16.*UTF-8/);
  });

  it("a UTF-8 BOM is stripped", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc("Hà Nam Provincial Party Committee")]);
    expect(decodeUpload("bom.txt", bytes, 20 * MB)).toBe("Hà Nam Provincial Party Committee");
  });

  it("unknown or missing extension: HTML/JSON content is accepted by content, other unknown types refused", () => {
    const html = "<!DOCTYPE html><html><body><p>x</p></body></html>";
    expect(decodeUpload("article.php", enc(html), 20 * MB)).toBe(html);
    expect(detectFormat("article.php", html)).toBe("html");
    expect(detectFormat("download", '{"title":"t","text":"x"}')).toBe("json");
    expect(detectFormat("notes", "Plain words")).toBe("txt");
    expect(userError(() => decodeUpload("data.csv", enc("a,b\n1,2"), 20 * MB)).message).toMatch(/\.csv are not supported/);
  });

  it("parseArticleFile reads an extensionless HTML upload as HTML", () => {
    const p = "The Provincial Party Committee of Ha Nam reviewed 2023: 1,251 new party members were admitted and 14/16 main socio-economic targets were exceeded. ";
    const html = `<!doctype html><html><head><title>Ha Nam review</title></head><body><article><h1>Ha Nam review</h1><p>${p.repeat(3)}</p><p>${p}</p></article></body></html>`;
    const [a] = parseArticleFile("upload", enc(html), { originKind: "upload" });
    expect(a!.title).toBe("Ha Nam review");
    expect(a!.text).toContain("1,251 new party members");
    expect(a!.origin).toEqual({ kind: "upload", ref: "upload" });
  });
});
