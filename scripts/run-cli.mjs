#!/usr/bin/env node
// `npm run cli`: the admin command line from a bundle, so it starts in a tenth of a second instead
// of compiling TypeScript through tsx on every call. The bundle is rebuilt only when a source file
// it was built from is newer (esbuild's metafile lists them). Split into chunks, so what only one
// command needs (the Lark SDK for tick, exceljs for xlsx rosters) is loaded by that command alone.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/cli/main.mjs');
const meta = join(root, 'dist/cli/meta.json');

function stale() {
  if (!existsSync(out) || !existsSync(meta)) return true;
  const builtAt = statSync(out).mtimeMs;
  const inputs = Object.keys(JSON.parse(readFileSync(meta, 'utf8')).inputs);
  return inputs.some((input) => !existsSync(join(root, input)) || statSync(join(root, input)).mtimeMs > builtAt);
}

if (stale()) {
  const { build } = await import('esbuild');
  // Built aside and moved into place, so a second CLI started meanwhile never reads half a bundle.
  const staging = join(root, `dist/cli.${process.pid}`);
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(join(staging, 'meta.json'), JSON.stringify(result.metafile));
  rmSync(join(root, 'dist/cli'), { recursive: true, force: true });
  renameSync(staging, join(root, 'dist/cli'));
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(out).href);
