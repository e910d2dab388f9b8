/**
 * Fills a database with a synthetic park (`support/generate.ts`) at BENCH_SCALE (default 1),
 * after migrating it and seeding the demo data: DATABASE_URL's server, kept for later runs of
 * `npm run bench` on the same DATABASE_URL (a database that already holds a park is kept as is).
 *   DATABASE_URL=postgres://… BENCH_SCALE=10 npm run bench:generate
 */
import 'reflect-metadata';
import { startBenchApp } from './support/bench-app';
import { generateParkData } from './support/generate';

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error(
      'DATABASE_URL names the database to fill (npm run bench alone uses a temporary one)',
    );
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const { databaseUrl, stop } = await startBenchApp();
  try {
    const park = await generateParkData(databaseUrl, scale);
    console.log(
      `${park.generated ? 'generated' : 'kept'} a park at scale ${scale} in ${(park.ms / 1000).toFixed(1)} s`,
    );
    for (const { step, ms } of park.steps) console.log(`  ${step}: ${(ms / 1000).toFixed(1)} s`);
    for (const [table, n] of Object.entries(park.rows))
      console.log(`  ${table}: ${n.toLocaleString('en')}`);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
