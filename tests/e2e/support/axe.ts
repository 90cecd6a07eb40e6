// axe-core in the page: the accessibility bar is "no serious or critical violations".
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeProblem {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical violations on the page as it is now (an empty list when it passes). */
export async function seriousViolations(page: Page): Promise<AxeProblem[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    // A toast fading in is measured at its final colours: let finite animations and transitions
    // (not spinners) finish first, for at most two seconds.
    const settling = document
      .getAnimations()
      .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
      .map((a) => a.finished.catch(() => undefined));
    await Promise.race([Promise.all(settling), new Promise((resolve) => setTimeout(resolve, 2000))]);
    // Toasts stacked behind the front one are dimmed on purpose (sonner fans them out on hover);
    // they are checked when they come to the front.
    const behind = [...document.querySelectorAll('[data-sonner-toast][data-front="false"]')];
    const context = behind.length ? { include: [document], exclude: behind } : document;
    const result = await axe.run(context as unknown as Document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
