/** VChart instances by the element they draw in, so that a redrawn chat releases the old ones. */
const drawn = new Map<HTMLElement, { release(): void }>();

/**
 * Draws every `chart` component in `root` with VChart, Lark's own chart library, from the spec
 * the card carries. VChart is loaded only when a chart first appears (it is most of the script).
 */
export async function drawCharts(root: ParentNode): Promise<void> {
  const pending = [...root.querySelectorAll<HTMLElement>('.lk-chart:not([data-drawn])')];
  if (pending.length === 0) return;
  const { default: VChart } = await import('@visactor/vchart');
  for (const element of pending) {
    element.dataset.drawn = '1';
    try {
      const spec = JSON.parse(element.dataset.chartSpec ?? '{}');
      const chart = new VChart({ animation: false, ...spec }, { dom: element, mode: 'desktop-browser' });
      chart.renderSync();
      drawn.set(element, chart);
    } catch (error) {
      element.textContent = `图表无法绘制：${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

/** Releases the charts that are no longer on the page. */
export function releaseDetachedCharts(): void {
  for (const [element, chart] of drawn) {
    if (!element.isConnected) {
      chart.release();
      drawn.delete(element);
    }
  }
}
