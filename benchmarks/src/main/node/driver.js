"use strict";
// The load driver of the end-to-end benchmark, on the real socket.io-client (websocket transport).
//
//   node driver.js --ports=9201,9202 --clients=20 [--senders=1] [--size=100] [--kind=text|binary]
//                  [--mode=bcast|room] [--rate=0] [--window=64] [--warm=1] [--duration=10] [--drain=3]
//
// Opens --clients clients on each server; the first --senders clients of each server send. Every message
// carries its sender, a per-sender sequence number and the send time (this process's clock, microseconds),
// so each receiving client measures latency (cross-node when the sender sits on another server, local
// otherwise), loss and reordering per sender. mode=bcast: "bcast" events reach every client. mode=room:
// the even-numbered clients of each server join room "r" and "room" events target it.
// rate=0 sends as fast as the cluster delivers: each sender keeps at most --window messages not yet
// received by every expected client; rate=N sends N messages per second in total, unthrottled.
// It runs --warm seconds unmeasured, then --duration seconds measured, then stops sending and waits for the
// rest until all arrived or nothing arrived for --drain seconds (at most 30 s): what is missing then is lost.
// Standard output, one JSON object per line:
//   {"event":"start"} when the measured window opens, {"event":"end"} when it closes (the runner reads
//   process CPU at both), then {"event":"result", ...}, whose perSecond lists the messages fully delivered in
//   each second since sending began (the --warm seconds included). Nothing is printed per message.

const { io } = require("socket.io-client");
const { performance } = require("node:perf_hooks");

function option(name, fallback) {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg === undefined ? fallback : arg.slice(prefix.length);
}

const ports = option("ports", "9201,9202").split(",").map(Number);
const clientsPerServer = Number(option("clients", "2"));
const sendersPerServer = Number(option("senders", "1"));
const size = Number(option("size", "100"));
const kind = option("kind", "text");
const mode = option("mode", "bcast");
const rate = Number(option("rate", "0"));
const windowSize = Number(option("window", "64"));
const warmSeconds = Number(option("warm", "1"));
const durationSeconds = Number(option("duration", "10"));
const drainSeconds = Number(option("drain", "3"));
const DRAIN_MAX_MS = 30_000;
const EXPIRE_US = 5_000_000; // a message not fully delivered after 5 s frees its window slot (it counts as lost)

const nowUs = () => Math.round(performance.now() * 1000);
const emit = (line) => process.stdout.write(JSON.stringify(line) + "\n");

/** A growable array of numbers, for latencies. */
class Samples {
  constructor() { this.data = new Float64Array(1 << 16); this.length = 0; }
  push(v) {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  percentile(p) {
    if (this.length === 0) return null;
    const sorted = this.data.subarray(0, this.length).sort();
    return sorted[Math.min(this.length - 1, Math.floor(p * this.length))] / 1000; // ms
  }
}

const clients = []; // {socket, server, index, inRoom}
const senders = []; // {client, id, next, outstanding: Map<seq, {remaining, sentAt}>, inWindow}
let measuring = false;
let sending = false;
let windowStart = 0;
let windowEnd = Infinity;
const stats = {
  sent: 0, sentMeasured: 0, deliveries: 0, deliveriesMeasured: 0, completedMeasured: 0,
  expected: 0, received: 0, outOfOrder: 0, duplicates: 0,
};
// fully delivered messages per whole second since sending began (lead-in included): how fast the row came up
const perSecond = [];
let sendingSince = 0;
const cross = new Samples();
const local = new Samples();

const payloadText = "x".repeat(size);
const payloadBinary = Buffer.alloc(size, 7);
const event = mode === "room" ? "room" : "bcast";

function receivers() {
  return clients.filter((c) => mode !== "room" || c.inRoom).length;
}

function connect(server, index) {
  const inRoom = index % 2 === 0;
  const query = mode === "room" && inRoom ? { room: "r" } : {};
  const socket = io(`http://127.0.0.1:${ports[server]}`, {
    transports: ["websocket"], forceNew: true, reconnection: false, query,
  });
  const client = { socket, server, index, inRoom, lastSeq: new Map() };
  socket.on(event, (msg) => onMessage(client, msg));
  clients.push(client);
  return new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
}

function onMessage(client, msg) {
  const now = nowUs();
  const sender = senders[msg.s];
  if (!sender) return;
  stats.received++;
  const last = client.lastSeq.get(msg.s);
  if (last !== undefined && msg.n <= last) {
    if (msg.n === last) stats.duplicates++; else stats.outOfOrder++;
  } else {
    client.lastSeq.set(msg.s, msg.n);
  }
  if (now >= windowStart && now < windowEnd && measuring) stats.deliveriesMeasured++;
  if (msg.t >= windowStart && msg.t < windowEnd) {
    (sender.client.server === client.server ? local : cross).push(now - msg.t);
  }
  const entry = sender.outstanding.get(msg.n);
  if (entry === undefined) return;
  if (--entry.remaining === 0) {
    sender.outstanding.delete(msg.n);
    if (!entry.expired) sender.inWindow--;
    if (measuring && now >= windowStart && now < windowEnd) stats.completedMeasured++;
    if (now < windowEnd) {
      const second = Math.floor((now - sendingSince) / 1e6);
      while (perSecond.length <= second) perSecond.push(0);
      perSecond[second]++;
    }
    if (rate === 0) pump(sender);
  }
}

function send(sender) {
  const t = nowUs();
  const msg = { s: sender.id, n: sender.next++, t };
  if (mode === "room") msg.r = "r";
  if (kind === "binary") msg.b = payloadBinary; else msg.p = payloadText;
  const expected = receivers();
  sender.outstanding.set(msg.n, { remaining: expected, sentAt: t, expired: false });
  sender.inWindow++;
  stats.sent++;
  stats.expected += expected;
  if (t >= windowStart && t < windowEnd) stats.sentMeasured++;
  sender.client.socket.emit(event, msg);
}

function pump(sender) {
  while (sending && sender.inWindow < windowSize) send(sender);
}

function expireOld() {
  const limit = nowUs() - EXPIRE_US;
  for (const sender of senders) {
    for (const entry of sender.outstanding.values()) {
      if (entry.sentAt >= limit) break; // insertion order = send order
      if (!entry.expired) { entry.expired = true; sender.inWindow--; }
    }
    if (rate === 0) pump(sender);
  }
}

function startFixedRate() {
  const started = nowUs();
  let due = 0;
  let turn = 0;
  const timer = setInterval(() => {
    if (!sending) { clearInterval(timer); return; }
    const shouldHave = Math.floor(((nowUs() - started) / 1e6) * rate);
    while (due < shouldHave) {
      const sender = senders[turn++ % senders.length];
      if (sender.inWindow < 10_000) send(sender);
      due++;
    }
  }, 1);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const connecting = [];
  for (let server = 0; server < ports.length; server++) {
    for (let i = 0; i < clientsPerServer; i++) connecting.push(connect(server, i));
  }
  await Promise.all(connecting);
  for (const client of clients) {
    if (client.index < sendersPerServer) {
      senders.push({ client, id: senders.length, next: 0, outstanding: new Map(), inWindow: 0 });
    }
  }
  await sleep(300); // room joins happen at connect; let every server settle
  const expiry = setInterval(expireOld, 500);
  sending = true;
  sendingSince = nowUs();
  if (rate > 0) startFixedRate(); else senders.forEach(pump);
  await sleep(warmSeconds * 1000);
  windowStart = nowUs();
  measuring = true;
  emit({ event: "start" });
  await sleep(durationSeconds * 1000);
  windowEnd = nowUs();
  emit({ event: "end" });
  sending = false;
  // wait for the backlog until everything arrived, or nothing arrived for --drain seconds (then it is lost)
  const drainCap = Date.now() + DRAIN_MAX_MS;
  let lastReceived = -1;
  let quietSince = Date.now();
  while (Date.now() < drainCap && senders.some((s) => s.outstanding.size > 0)) {
    if (stats.received !== lastReceived) { lastReceived = stats.received; quietSince = Date.now(); }
    if (Date.now() - quietSince > drainSeconds * 1000) break;
    await sleep(50);
  }
  clearInterval(expiry);
  const seconds = (windowEnd - windowStart) / 1e6;
  emit({
    event: "result",
    seconds,
    clients: clients.length,
    senders: senders.length,
    receiversPerMessage: receivers(),
    sent: stats.sent,
    msgsPerSec: stats.completedMeasured / seconds,
    deliveriesPerSec: stats.deliveriesMeasured / seconds,
    completed: stats.completedMeasured,
    lost: stats.expected - stats.received + stats.duplicates,
    outOfOrder: stats.outOfOrder,
    duplicates: stats.duplicates,
    crossP50: cross.percentile(0.5), crossP99: cross.percentile(0.99), crossCount: cross.length,
    localP50: local.percentile(0.5), localP99: local.percentile(0.99), localCount: local.length,
    warmSeconds, perSecond,
  });
  clients.forEach((c) => c.socket.close());
  setTimeout(() => process.exit(0), 100).unref();
}

main().catch((err) => {
  emit({ event: "error", message: String(err && err.message || err) });
  process.exit(1);
});
