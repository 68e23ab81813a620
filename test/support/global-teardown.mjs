import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const started = globalThis.__ZV_TEST_DB__;
  if (!started) return;
  await started.db.stop();
  rmSync(started.folder, { recursive: true, force: true });
}
