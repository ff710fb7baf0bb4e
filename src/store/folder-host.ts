import fs from "node:fs";
import path from "node:path";
import { acquireWriteLock } from "../library/write-lock.js";
import type { Article } from "../types.js";
import type { UserError } from "../types.js";
import { storageFault } from "./faults.js";
import { beginBuilding, currentGeneration, endBuilding, removeStaleGenerations, switchGeneration, touchGeneration } from "./generations.js";
import type { IndexHost, ModelIdentity, SearchIndex } from "./search-index.js";
import { Store } from "./store.js";

/**
 * The embedded host: an index folder holding generation folders (each a SQLite database + HNSW file), a
 * CURRENT file naming the live one and a WRITE.lock file for the one writer (see generations.ts).
 */
export class FolderHost implements IndexHost {
  readonly description: string;

  constructor(readonly indexDir: string) {
    this.description = `index folder ${indexDir}`;
    fs.mkdirSync(indexDir, { recursive: true });
  }

  liveGeneration(): string | null {
    return currentGeneration(this.indexDir);
  }

  open(generation: string, model: ModelIdentity, options: { readonly?: boolean } = {}): SearchIndex {
    return Store.open(path.join(this.indexDir, generation), model, { readonly: options.readonly });
  }

  /** True when this process may write the index folder, the generation and the database in it. */
  writable(generation: string): boolean {
    const generationDir = path.join(this.indexDir, generation);
    for (const target of [this.indexDir, generationDir, path.join(generationDir, "library.db")]) {
      try {
        fs.accessSync(target, fs.constants.W_OK);
      } catch {
        return false;
      }
    }
    return true;
  }

  storageFault(error: unknown): UserError | null {
    return storageFault(error, this.indexDir);
  }

  beginGeneration(model: ModelIdentity): { name: string; index: SearchIndex } {
    // Registered as being built, so that no cleanup in this process removes it before the switch.
    const name = beginBuilding(this.indexDir);
    try {
      return { name, index: Store.open(path.join(this.indexDir, name), model, { create: true }) };
    } catch (error) {
      this.discard(name);
      throw error;
    }
  }

  switchTo(name: string): void {
    switchGeneration(this.indexDir, name);
    endBuilding(this.indexDir, name);
  }

  discard(name: string): void {
    endBuilding(this.indexDir, name);
    fs.rmSync(path.join(this.indexDir, name), { recursive: true, force: true });
  }

  readArticles(generation: string): Article[] {
    return Store.readArticles(path.join(this.indexDir, generation));
  }

  touch(name: string): void {
    touchGeneration(this.indexDir, name);
  }

  removeStale(): void {
    removeStaleGenerations(this.indexDir);
  }

  acquireWriteLock(): Promise<() => void> {
    return acquireWriteLock(this.indexDir);
  }

  close(): void {}
}
