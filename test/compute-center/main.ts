import { ComputeCenterSimulator } from './simulator';

/** `npm run sim:compute-center`: the simulator for local development, configured from env. */

// 'whsec_' + base64('park-crm-dev-webhook-secret-0001'): a fixed secret shared with the dev CRM.
const DEV_WEBHOOK_SECRET = 'whsec_cGFyay1jcm0tZGV2LXdlYmhvb2stc2VjcmV0LTAwMDE=';

function portFromEnv(): number {
  const port = Number(process.env.SIM_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`SIM_PORT must be a port number, got ${process.env.SIM_PORT}`);
  return port;
}

async function main(): Promise<void> {
  const webhookUrl =
    process.env.COMPUTE_CENTER_WEBHOOK_URL ??
    'http://127.0.0.1:3000/api/v1/integrations/compute-center/events';
  const simulator = new ComputeCenterSimulator({
    token: process.env.COMPUTE_CENTER_TOKEN ?? 'dev-compute-center-token',
    webhookUrl,
    webhookSecret: process.env.COMPUTE_CENTER_WEBHOOK_SECRET ?? DEV_WEBHOOK_SECRET,
    log: (message) => console.warn(message),
  });
  const baseUrl = await simulator.start(portFromEnv(), process.env.SIM_HOST ?? '127.0.0.1');
  console.log(`compute-center simulator listening on ${baseUrl}`);
  console.log(`  webhooks to ${webhookUrl}`);
  console.log(`  state: GET ${baseUrl}/_sim/state, faults: POST ${baseUrl}/_sim/faults`);

  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`${signal}: stopping the compute-center simulator`);
    simulator.stop().catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
