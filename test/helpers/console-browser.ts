import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './repo-root.js';

/** Debian's Chromium (`.ci/run` installs it when missing); CHROMIUM_PATH names another. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium as this machine runs it: as root it needs --no-sandbox, and without the
 * background-networking flags it keeps calling Google's hosts, which this closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Where a browser test keeps its screenshots: test-results/<name>/, emptied first (kept as artefacts, not committed). */
export function screenshotFolder(name: string): string {
  const folder = join(ROOT, 'test-results', name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Fails the test on any error the page's script throws, with the message. */
export function failOnPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** How many of a canvas's pixels are drawn (neither transparent nor white): a chart that rendered has thousands. */
export async function drawnPixels(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((canvas) => {
    // The test's types have no DOM: the little of a canvas this reads.
    type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const c = canvas as unknown as Canvas;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 0 && !(r > 245 && g > 245 && b > 245)) drawn++;
    }
    return drawn;
  });
}
