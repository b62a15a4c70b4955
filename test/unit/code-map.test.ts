import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Keeps the map in ARCHITECTURE.md true: arrows point from the edges (entry, cli, jobs, lark)
 * inward to the verbs (domain) and down to storage (db), never back. `npm run lint:imports`.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
/** The sandbox console's script runs in a browser, one page per run: it is an entry of its own, and its state is the page's. */
const BROWSER_CLIENT = path.join(SRC, 'lark', 'sandbox', 'console', 'client') + path.sep;

/** What each part may import besides itself; `entry` is the composition root and may import anything. */
const ALLOWED: Record<string, readonly string[]> = {
  texts: [],
  model: [],
  config: [],
  log: [],
  clock: [],
  errors: [],
  background: ['log'],
  db: ['model', 'log'],
  domain: ['db', 'model', 'texts', 'errors', 'clock', 'log'],
  lark: ['config', 'log'],
  'lark/cards': ['domain', 'db', 'model', 'texts'],
  'lark/outbox': ['lark', 'domain', 'db', 'model', 'texts', 'deps', 'config', 'clock', 'log', 'background'],
  'lark/chat': ['lark', 'lark/cards', 'domain', 'db', 'model', 'texts', 'errors', 'deps', 'log'],
  'lark/card-actions': ['lark', 'lark/cards', 'domain', 'db', 'model', 'texts', 'errors', 'deps', 'log'],
  'lark/webhook': ['lark', 'lark/chat', 'lark/card-actions', 'db', 'texts', 'errors', 'deps', 'config', 'log'],
  'lark/sandbox': ['lark', 'texts', 'config', 'clock'],
  'lark/long-connection': ['lark', 'lark/webhook', 'db', 'deps', 'config', 'log'],
  jobs: ['lark/cards', 'lark/webhook', 'domain', 'db', 'model', 'texts', 'errors', 'deps', 'config', 'clock', 'log'],
  deps: ['db', 'config', 'clock', 'log', 'background'],
  app: ['deps', 'db', 'lark/webhook', 'errors', 'log'],
  cli: ['entry', 'jobs', 'lark/cards', 'lark/outbox', 'domain', 'db', 'model', 'texts', 'errors', 'deps', 'config', 'clock', 'log'],
};

/** Packages that mean SQL text, HTTP or Lark: the domain decides, it neither stores nor speaks. */
const DOMAIN_FORBIDDEN_PACKAGES = /^(drizzle-orm|postgres|@electric-sql\/pglite|hono|@hono\/|@larksuiteoapi\/|axios)/;

type Import = { from: string; spec: string; target: string | undefined; dynamic: boolean; typeOnly: boolean };

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The source file an import of `x.js` means: x.ts, or x.tsx for a component. */
const sourceOf = (spec: string) => {
  const ts = spec.replace(/\.js$/, '.ts');
  return existsSync(ts) ? ts : ts.replace(/\.ts$/, '.tsx');
};

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = (m[3] ?? m[4])!;
    const target = spec.startsWith('.') ? sourceOf(path.resolve(path.dirname(file), spec)) : undefined;
    return { from: file, spec, target, dynamic: m[4] !== undefined, typeOnly: m[2] !== undefined };
  });
}

/** `lark/outbox` for a file in src/lark/outbox/, `lark` for src/lark/*.ts, `app` for src/app.ts. */
function partOf(file: string): string {
  const [first, second, ...rest] = path.relative(SRC, file).split(path.sep);
  if (second === undefined) return first!.replace(/\.tsx?$/, '');
  if (first === 'lark' && rest.length > 0) return `lark/${second}`;
  return first!;
}

const files = listFiles(SRC);
const imports = files.flatMap(importsOf);
const internal = imports.filter((i) => i.target?.startsWith(SRC + path.sep));
const rel = (file: string) => path.relative(ROOT, file);

describe('the code map', () => {
  it('every import follows the arrows', () => {
    const wrong = internal
      .filter((i) => {
        const from = partOf(i.from);
        const to = partOf(i.target!);
        if (from === to || from === 'entry') return false;
        // The sandbox is loaded only in sandbox mode, so that it stays out of the Worker bundle.
        if (from === 'app' && to === 'lark/sandbox') return !i.dynamic;
        return !(ALLOWED[from] ?? []).includes(to);
      })
      .map((i) => `${rel(i.from)} → ${rel(i.target!)}`);
    expect(wrong).toEqual([]);
  });

  it('the outbox is reached only through createOutboxSender', () => {
    const outbox = path.join(SRC, 'lark', 'outbox');
    const wrong = internal
      .filter((i) => !i.from.startsWith(outbox + path.sep) && i.target!.startsWith(outbox + path.sep))
      .filter((i) => path.basename(i.target!) !== 'create-outbox-sender.ts')
      .map((i) => `${rel(i.from)} → ${rel(i.target!)}`);
    expect(wrong).toEqual([]);
  });

  it('texts import nothing, and the domain no SQL, HTTP or Lark package', () => {
    const wrong = imports
      .filter((i) => (partOf(i.from) === 'texts' && !i.typeOnly) || (partOf(i.from) === 'domain' && DOMAIN_FORBIDDEN_PACKAGES.test(i.spec)))
      .map((i) => `${rel(i.from)} → ${i.spec}`);
    expect(wrong).toEqual([]);
  });

  it('has no cycle between folders, nor between parts', () => {
    // Folders: a folder and the folders inside it are one (lark/ root files are shared by its parts).
    const folderOf = (file: string) => path.relative(SRC, path.dirname(file)) || '.';
    const nested = (a: string, b: string) => a === b || a === '.' || b === '.' || a.startsWith(b + '/') || b.startsWith(a + '/');
    expect(cyclesIn(internal, folderOf, nested)).toEqual([]);
    // Parts: top-level files count as parts of their own (deps, config …).
    expect(cyclesIn(internal, partOf, (a, b) => a === b)).toEqual([]);
  });

  it('keeps every SQL statement in db/queries', () => {
    const SQL_CALL = /\b(db|tx|\w+Tx)\.(execute|select|selectDistinct|insert|update|delete)\(|\bsql`|from 'drizzle-orm'/;
    const wrong = files
      .filter((f) => partOf(f) !== 'db')
      .filter((f) => SQL_CALL.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(wrong).toEqual([]);
  });

  it('keeps no module-level mutable state outside entry/', () => {
    const MUTABLE = /^(export\s+)?(let\s+\w+|const\s+\w+\s*(:[^=]+)?=\s*new\s+(WeakMap|WeakSet)\b|const\s+\w+\s*(:[^=]+)?=\s*new\s+(Map|Set)\s*(<[^>]*>)?\(\s*\))/gm;
    const wrong = files
      .filter((f) => partOf(f) !== 'entry' && !f.startsWith(BROWSER_CLIENT))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(MUTABLE)].map((m) => `${rel(f)}: ${m[0]}`));
    expect(wrong).toEqual([]);
  });

  it('keeps the sandbox and its console out of the Worker bundle', () => {
    // Everything the Worker's entry reaches, dynamic imports too (the bundler follows those).
    const reached = new Set([path.join(SRC, 'entry', 'worker.ts')]);
    for (const file of reached) {
      for (const i of internal) if (i.from === file && i.target) reached.add(i.target);
    }
    const sandbox = path.join(SRC, 'lark', 'sandbox') + path.sep;
    // Only the sandbox's credentials (constants), by which build-deps tells a sandbox's settings.
    const allowed = path.join(sandbox, 'sandbox-credentials.ts');
    expect(reached.size).toBeGreaterThan(50);
    expect([...reached].filter((f) => f.startsWith(sandbox) && f !== allowed).map(rel)).toEqual([]);
  });

  it('keeps files small: src under 300 lines, tests under 400', () => {
    const lines = (f: string) => readFileSync(f, 'utf8').split('\n').length;
    const tests = listFiles(path.join(ROOT, 'test'));
    const wrong = [...files.filter((f) => lines(f) > 300), ...tests.filter((f) => lines(f) > 400)].map((f) => `${rel(f)}: ${lines(f)} lines`);
    expect(wrong).toEqual([]);
  });
});

/** Every cycle in the graph of `nodeOf(file)` → `nodeOf(target)` edges, leaving out pairs `same` calls one node. */
function cyclesIn(edgesFrom: Import[], nodeOf: (file: string) => string, same: (a: string, b: string) => boolean): string[] {
  const edges = new Map<string, Set<string>>();
  for (const i of edgesFrom) {
    if (i.dynamic) continue;
    const a = nodeOf(i.from);
    const b = nodeOf(i.target!);
    if (!same(a, b)) (edges.get(a) ?? edges.set(a, new Set()).get(a)!).add(b);
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, trail: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
      return;
    }
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of edges.keys()) visit(node, []);
  return cycles;
}
