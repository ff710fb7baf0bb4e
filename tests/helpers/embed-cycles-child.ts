// A process that runs five bulk builds' worth of embedding-thread use (load a model, embed, close) and a
// model that cannot load, then exits normally. embedder.test.ts checks that it ends with "ok" and status 0:
// ending the thread that loaded onnxruntime-node after each build aborted such a process 9 times in 10.
import { loadConfig } from "../../src/config.js";
import { createWorkerEmbedder } from "../../src/embed/worker-embedder.js";

const config = loadConfig({});
const options = { model: config.embeddingModel, modelsDir: config.modelsDir, cacheDir: config.modelCacheDir, quantized: true, allowRemoteModels: false };
for (let i = 0; i < 5; i++) {
  const worker = await createWorkerEmbedder(options);
  await worker.embedPassages([`build ${i}: Thai Binh admitted 2,100 new party members`]);
  await worker.close();
  await createWorkerEmbedder({ ...options, model: "local/no-such-model" }).catch(() => undefined);
}
console.log("ok");
