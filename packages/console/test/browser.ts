/**
 * Chromium for the console's tests (the system one, found or installed by the widget's ensure-chromium.mjs) and
 * the axe-core check each view must pass (WCAG 2.x A/AA and axe's best practices).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureChromium } from '../../widget/scripts/ensure-chromium.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ html: string }>;
}

/** Runs axe on the whole page; resolves to the violations in words (empty when the view is clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the console's CSP allows no inline script.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    "window.axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}}).then((r) => r.violations.map((v) => ({id: v.id, help: v.help, nodes: v.nodes.map((n) => ({html: n.html}))})))",
  )) as AxeViolation[];
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(' | ')})`);
}
