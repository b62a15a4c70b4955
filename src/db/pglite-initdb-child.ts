import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

/** Run by `node -e` in the child: PGlite's CommonJS build, so nothing needs resolving from the child's cwd. */
const CREATE = `require(process.argv[1]).PGlite.create(process.argv[2], { postgresqlconf: JSON.parse(process.argv[3]) }).then((pg) => pg.close())`;

/**
 * Creates a PGlite data folder (initdb) in a short-lived Node process, which the caller then opens.
 * initdb grows its WebAssembly memory to ~650 MB; a WebAssembly memory never shrinks and what glibc
 * freed around it stays mapped, so a first `npm start` that ran initdb itself idled at 260–290 MB
 * RSS even after collecting that instance, against ~185 MB for every later start. The child
 * takes that peak and exits; the server opens the folder like a later start does, and idled at
 * 184 MB after its first start (measured on the demo county, Node 20.20).
 * Only initdb runs there: migrations and the demo seed stay in the server, as on any start.
 */
export function initdbInChildProcess(dataDir: string, postgresqlconf: readonly string[]): Promise<void> {
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--liftoff-only', '-e', CREATE, pglite, dataDir, JSON.stringify(postgresqlconf)], { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`PGlite could not create the database in ${dataDir}: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}
