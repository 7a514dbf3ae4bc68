// The floor under the PostgreSQL adapter's hop in Node: plain node-postgres NOTIFY -> LISTEN at a fixed rate,
// the counterpart of the Java RawNotifyHop. Usage: node raw-notify.js <connection string> [rate] [seconds]
'use strict';
const { Client } = require('pg');

async function main() {
  const url = process.argv[2];
  const rate = Number(process.argv[3] || 500);
  const seconds = Number(process.argv[4] || 15);
  const listening = new Client({ connectionString: url });
  const notifying = new Client({ connectionString: url });
  await listening.connect();
  await notifying.connect();
  await listening.query('LISTEN sio_raw_hop_node');
  const latencies = [];
  let recording = false;
  listening.on('notification', (n) => {
    const now = process.hrtime.bigint();
    if (recording) latencies.push(Number(now - BigInt(n.payload.slice(0, n.payload.indexOf(' ')))));
  });
  const pad = 'x'.repeat(100);
  const interval = 1e9 / rate;
  const warmupEnd = Date.now() + Math.min(5, seconds / 3) * 1000;
  const start = process.hrtime.bigint();
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const elapsed = Number(process.hrtime.bigint() - start);
      if (elapsed >= seconds * 1e9) return resolve();
      while (sent * interval <= elapsed) {
        if (!recording && Date.now() >= warmupEnd) recording = true;
        notifying.query('SELECT pg_notify($1, $2)', ['sio_raw_hop_node', process.hrtime.bigint() + ' ' + pad]);
        sent++;
      }
      setTimeout(tick, Math.max(0, (sent * interval - elapsed) / 1e6));
    };
    tick();
  });
  await new Promise((resolve) => setTimeout(resolve, 2000)); // the last notifications' way
  latencies.sort((a, b) => a - b);
  const at = (p) => (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] / 1e6).toFixed(3);
  console.log(`node-postgres raw: ${latencies.length} msgs, p50 ${at(0.5)} ms, p90 ${at(0.9)}, p99 ${at(0.99)}`);
  await listening.end();
  await notifying.end();
}
main().catch((e) => { console.error(e); process.exit(1); });
