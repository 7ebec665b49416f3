// Draws the extension icon (media/icon.png, 128x128): a notes card with a talk heading, a speaker line
// and a check mark. Draws the SVG in headless Chromium (Debian's, through playwright-core) and screenshots it.
//   node scripts/make-icon.mjs
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="22" fill="#1f2a44"/>
  <rect x="24" y="18" width="80" height="96" rx="8" fill="#f7f4ea"/>
  <rect x="34" y="30" width="46" height="9" rx="3" fill="#e0663a"/>
  <circle cx="40" cy="53" r="6" fill="#3a6fe0"/>
  <rect x="51" y="49" width="40" height="7" rx="3" fill="#3a6fe0"/>
  <rect x="34" y="66" width="58" height="5" rx="2.5" fill="#9aa3b5"/>
  <rect x="34" y="77" width="50" height="5" rx="2.5" fill="#9aa3b5"/>
  <rect x="34" y="88" width="30" height="5" rx="2.5" fill="#9aa3b5"/>
  <circle cx="96" cy="98" r="18" fill="#2e9e5b" stroke="#1f2a44" stroke-width="4"/>
  <path d="M87 98 l6 6 l12 -13" fill="none" stroke="#ffffff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'media', 'icon.png');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
} finally {
  await browser.close();
}
console.log(`wrote ${out}`);
