import dotenv from "dotenv";
import { PROJECT_ROOT } from "./config.js";
import path from "node:path";

// Loaded first by every entry point: settings from .env (quietly: stdout may be JSON).
dotenv.config({ quiet: true, path: [path.join(process.cwd(), ".env"), path.join(PROJECT_ROOT, ".env")] });
