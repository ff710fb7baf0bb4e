// Runs an embedder in a worker thread, so a bulk build embeds the next batch while the main thread
// writes the previous one. Messages: { id, texts } in; { id, vectors } or { id, error } out.
import { parentPort, workerData } from "node:worker_threads";
import { createEmbedder, type EmbedderOptions } from "./embedder.js";

const port = parentPort!;
try {
  const embedder = await createEmbedder(workerData as EmbedderOptions);
  port.postMessage({ ready: { modelId: embedder.modelId, dimension: embedder.dimension, fingerprint: embedder.fingerprint } });
  port.on("message", async ({ id, texts }: { id: number; texts: string[] }) => {
    try {
      const vectors = await embedder.embedPassages(texts);
      port.postMessage({ id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
} catch (error) {
  port.postMessage({ failed: error instanceof Error ? error.message : String(error) });
}
