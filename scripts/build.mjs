#!/usr/bin/env node
// `npm run build`: dist/entry/node.mjs, the bundle `npm start` runs (packages stay external), and
// beside it a copy of the Lark SDK with the whitespace and comments taken out, which the bundle
// imports instead of node_modules/@larksuiteoapi/node-sdk.
//
// Why: the SDK is one 5.9 MB file whose doc comments hold 193,000 Chinese characters, so V8 keeps
// its source as a two-byte string (12 MB) and parses it all at startup. Measured on Node 20.20,
// importing it and creating a Client cost 57–58 MB RSS and 1.5–3.8 s; the copy (1.9 MB, all
// Latin-1, same code) costs 27 MB and about half the time. The copy's package.json sits where the
// SDK looks for its own version (for its User-Agent), so that stays right.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const SDK = '@larksuiteoapi/node-sdk';
const sdkSource = require.resolve(SDK);
const sdkPackage = require.resolve(`${SDK}/package.json`);
const vendored = join(root, 'dist/vendor/lark-node-sdk');
const vendoredMain = join(vendored, 'lib/index.cjs');

// Made again when the installed SDK's package.json differs (npm keeps no useful mtimes).
const copied = (file) => existsSync(file) && readFileSync(file, 'utf8');
if (!existsSync(vendoredMain) || copied(join(vendored, 'package.json')) !== readFileSync(sdkPackage, 'utf8')) {
  // Written aside and moved into place: tests build while other tests' servers may be starting.
  const staging = `${vendoredMain}.${process.pid}`;
  await build({ entryPoints: [sdkSource], outfile: staging, format: 'cjs', platform: 'node', minifyWhitespace: true, logLevel: 'warning' });
  renameSync(staging, vendoredMain);
  copyFileSync(sdkPackage, join(vendored, 'package.json'));
}

// Built aside and moved into place: test files build in parallel and start what they built. Once,
// with three files building at once, a server exited 0 before it was ready, as a process does
// when it starts on a half-written bundle (the cause was not proven; a rename rules it out).
const staging = join(root, `dist/entry.${process.pid}`);
await build({
  absWorkingDir: root,
  entryPoints: ['src/entry/node.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  outfile: join(staging, 'node.mjs'),
  logLevel: 'warning',
  plugins: [
    {
      name: 'vendored-lark-sdk',
      setup(build) {
        build.onResolve({ filter: /^@larksuiteoapi\/node-sdk$/ }, () => ({ path: '../vendor/lark-node-sdk/lib/index.cjs', external: true }));
      },
    },
  ],
});
mkdirSync(join(root, 'dist/entry'), { recursive: true });
await buildConsoleScript();
renameSync(join(staging, 'node.mjs.map'), join(root, 'dist/entry/node.mjs.map'));
renameSync(join(staging, 'node.mjs'), join(root, 'dist/entry/node.mjs'));
rmSync(staging, { recursive: true, force: true });

/**
 * The sandbox console's browser script (src/lark/sandbox/console/client) → dist/console/app.js,
 * with VChart split into a chunk loaded only when a chart shows. Skipped when nothing it is made
 * of changed since the last build: VChart alone takes esbuild a few seconds, and tests build often.
 */
async function buildConsoleScript() {
  const client = join(root, 'src/lark/sandbox/console/client');
  const out = join(root, 'dist/console');
  const newest = Math.max(...readdirSync(client).map((f) => statSync(join(client, f)).mtimeMs), statSync(join(root, 'package-lock.json')).mtimeMs);
  if (existsSync(join(out, 'app.js')) && statSync(join(out, 'app.js')).mtimeMs >= newest) return;
  const staging = join(root, `dist/console.${process.pid}`);
  await build({
    absWorkingDir: root,
    entryPoints: { app: join(client, 'main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outdir: staging,
    chunkNames: 'chunk-[hash]',
    tsconfig: join(client, 'tsconfig.json'),
    logLevel: 'warning',
  });
  rmSync(out, { recursive: true, force: true });
  try {
    renameSync(staging, out);
  } catch {
    // Another build (tests build in parallel) put the same script in place first.
    rmSync(staging, { recursive: true, force: true });
  }
}
