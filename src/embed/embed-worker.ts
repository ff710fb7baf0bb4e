// The embedding thread: loads models on request and embeds for a bulk build, so the build embeds the next
// batch here while the main thread writes the previous one. Messages in: { load, options } → { load, ready }
// or { load, failed }; { id, model, texts } → { id, vectors } or { id, error }; { release, model } frees that
// model's sessions. The thread itself never ends before the process: onnxruntime-node 1.14 corrupts the
// heap when a thread that loaded it exits ("free(): invalid pointer", tested in tests/pipeline/embedder.test.ts).
import { parentPort } from "node:worker_threads";
import { createEmbedder, type Embedder, type EmbedderOptions } from "./embedder.js";

const port = parentPort!;
const models = new Map<number, Embedder>();

type Message =
  | { load: number; options: EmbedderOptions }
  | { id: number; model: number; texts: string[] }
  | { release: number };

port.on("message", async (message: Message) => {
  if ("load" in message) {
    try {
      const embedder = await createEmbedder(message.options);
      models.set(message.load, embedder);
      port.postMessage({ load: message.load, ready: { modelId: embedder.modelId, dimension: embedder.dimension, fingerprint: embedder.fingerprint } });
    } catch (error) {
      port.postMessage({ load: message.load, failed: error instanceof Error ? error.message : String(error) });
    }
  } else if ("release" in message) {
    const embedder = models.get(message.release);
    models.delete(message.release);
    await embedder?.dispose?.();
  } else {
    try {
      const embedder = models.get(message.model);
      if (!embedder) throw new Error("The model was released.");
      const vectors = await embedder.embedPassages(message.texts);
      port.postMessage({ id: message.id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
    } catch (error) {
      port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
});
