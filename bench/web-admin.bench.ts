/**
 * The web admin's production bundle (sizes, and the Brotli bytes the first load fetches) and its
 * first-load times in headless Chromium against the real app: the login page cold and warm, and
 * sign-in to a rendered pipeline board.
 *   npm run bench:web      (embedded PostgreSQL in a temporary folder, or DATABASE_URL's server)
 */
import 'reflect-metadata';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchApp } from './support/bench-app';
import { PROJECT_ROOT } from '../src/config/paths';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';
import { launchBrowser } from '../test/support/browser';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 7);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Each script and stylesheet: its size, and what a browser downloads (the prebuilt Brotli twin). */
function bundle() {
  const assets = join(PROJECT_ROOT, 'web', 'dist', 'assets');
  return readdirSync(assets)
    .filter((name) => /\.(js|css)$/.test(name))
    .map((name) => {
      const path = join(assets, name);
      const compressed = existsSync(`${path}.br`) ? `${path}.br` : path;
      return { name, raw: statSync(path).size, transferred: statSync(compressed).size };
    })
    .sort((a, b) => b.raw - a.raw);
}

async function main(): Promise<void> {
  const { origin: base, stop } = await startBenchApp();
  const browser = await launchBrowser();
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    const board: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      let started = performance.now();
      await page.goto(`${base}/#/login`);
      await page.getByLabel(/^邮箱/).waitFor();
      cold.push(performance.now() - started);
      started = performance.now();
      await page.reload();
      await page.getByLabel(/^邮箱/).waitFor();
      warm.push(performance.now() - started);
      await page.getByLabel(/^邮箱/).fill('promoter1@demo.park');
      await page.getByLabel(/^密码/).fill(DEMO_PASSWORD);
      started = performance.now();
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((target) => !target.hash.startsWith('#/login'));
      await page.goto(`${base}/#/board`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      board.push(performance.now() - started);
      await context.close();
    }
    const files = bundle();
    const total = files.reduce(
      (sum, file) => ({ raw: sum.raw + file.raw, transferred: sum.transferred + file.transferred }),
      { raw: 0, transferred: 0 },
    );
    const lines = [
      '# Web admin: bundle and first load',
      '',
      `Measured ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}, headless Chromium, loopback, ${RUNS} runs (median).`,
      '',
      '| asset | size | transferred (Brotli) |',
      '| --- | ---: | ---: |',
      ...files.map((file) => `| ${file.name} | ${kib(file.raw)} | ${kib(file.transferred)} |`),
      `| **total** | **${kib(total.raw)}** | **${kib(total.transferred)}** |`,
      '',
      '| load | median | min | max |',
      '| --- | ---: | ---: | ---: |',
      ...(
        [
          ['login page, cold cache', cold],
          ['login page, warm cache', warm],
          ['sign in → board rendered', board],
        ] as const
      ).map(
        ([label, values]) =>
          `| ${label} | ${median(values).toFixed(0)} ms | ${Math.min(...values).toFixed(0)} ms | ${Math.max(...values).toFixed(0)} ms |`,
      ),
      '',
    ];
    const report = lines.join('\n');
    console.log(report);
    writeFileSync(join(PROJECT_ROOT, 'bench', 'results', 'web-admin.md'), report);
  } finally {
    await browser.close();
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
