import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * PGlite is Postgres compiled to WebAssembly. V8 compiles it with its baseline compiler (Liftoff)
 * and recompiles hot functions with TurboFan in background threads; that compiler's scratch memory
 * stays in the process (glibc keeps the freed arenas). Measured on the demo county (Node 20.20):
 * Liftoff only, PGlite alone idles at 130 MB RSS instead of 160–200 MB, initdb peaks at 654 MB
 * instead of 770 MB and takes 5.5 s instead of 8.4 s, and 3,000 inserts + 3,000 lookups ran in
 * 1.8–2.6 s instead of 3.7–4.1 s (TurboFan's compiling costs more than it wins back over that
 * much work; a much longer busy spell was not measured). The flag is read when a module is compiled
 * and holds for the whole process: Node's fetch parses HTTP with a small WebAssembly module (llhttp)
 * too, which then also stays on Liftoff.
 */
export function compileWasmWithoutTurbofan(): void {
  setFlagsFromString('--liftoff-only');
}

/** Whether PGlite will run initdb (a fresh folder, or in memory) rather than open an existing database. */
export function willRunInitdb(dataDir: string | undefined): boolean {
  return dataDir === undefined || !existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * For a database in memory (tests), initdb runs in this process, in a second PGlite instance whose
 * WebAssembly memory grows to ~400 MB; PGlite closes it but nothing makes V8 collect it soon (a
 * first `npm start` that ran initdb in-process idled at 600–720 MB RSS). Collecting returns it, but
 * only over a few turns of the event loop (the closed instance is let go by callbacks that run
 * between collections): measured on PGlite alone, 626 → 532 → 531 → 220 → 216 MB over four rounds.
 * Node has no gc() without --expose-gc; a fresh context gets it once the flag is set.
 */
export async function releaseInitdbMemory(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
