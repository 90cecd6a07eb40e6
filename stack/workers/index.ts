// Background workers of the extension stand-ins: pg_net's HTTP sender and
// pg_cron's scheduler. The stack starts them beside the gateway (stack/services.ts).
export { startNetWorker, sendRequest, type BackgroundWorker, type NetResponse } from './net.ts';
export { startCronWorker, parseSchedule, nextCronRun } from './cron.ts';
