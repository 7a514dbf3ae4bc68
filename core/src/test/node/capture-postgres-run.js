"use strict";
// Captured fixtures: runs two real Socket.IO 4 servers with @socket.io/postgres-adapter 0.5.0 and a
// @socket.io/postgres-emitter 0.1.1 against a real PostgreSQL, with real socket.io-client clients, and
// records every NOTIFY on the Socket.IO channels (pg LISTEN) plus each attachment row as stored.
//
// PostgreSQL: PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432, postgres, trust auth). The run creates
// and drops its own database (PG_CAPTURE_DB, default sio_fixture_capture), because NOTIFY channels are
// per database: other tests on the same server neither disturb nor see the capture.
//
// Output: ../resources/node-fixtures/captured-run.json (uids and socket ids are random per run).

const { Pool, Client } = require("pg");
const http = require("node:http");
const { Server } = require("socket.io");
const { io: connect } = require("socket.io-client");
const { createAdapter } = require("@socket.io/postgres-adapter");
const { Emitter } = require("@socket.io/postgres-emitter");
const { entryFrom, writeFixture } = require("./fixture-support");

const PG = {
  host: process.env.PGHOST || "127.0.0.1",
  port: Number(process.env.PGPORT || 5432),
  user: process.env.PGUSER || "postgres",
};
const DB = process.env.PG_CAPTURE_DB || "sio_fixture_capture";
const CHANNELS = ["socket.io#/", "socket.io#/chat"];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function recreateDatabase() {
  const admin = new Client({ ...PG, database: "postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const pool = new Pool({ ...PG, database: DB, max: 4 });
  await pool.query(`CREATE TABLE socket_io_attachments (
      id bigserial UNIQUE, created_at timestamptz DEFAULT now(), payload bytea)`);
  return pool;
}

async function dropDatabase() {
  const admin = new Client({ ...PG, database: "postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
}

/** Listens like a third node would, tagging each notification with the step running at the time. */
async function startCapture(pool) {
  const listener = new Client({ ...PG, database: DB });
  await listener.connect();
  const state = { step: "startup", seq: 0, entries: [], pending: [] };
  listener.on("notification", (msg) => {
    const step = state.step;
    const seq = state.seq++;
    const job = (async () => {
      const header = JSON.parse(msg.payload);
      let row;
      if (header.attachmentId) {
        // fetched at once: the adapter's cleanup timer deletes rows after cleanupInterval
        const result = await pool.query("SELECT id::text AS id, payload FROM socket_io_attachments WHERE id = $1", [
          header.attachmentId,
        ]);
        row = result.rows[0];
      }
      state.entries.push({ seq, entry: entryFrom(`${step}#${seq}`, "postgres-adapter 0.5.0 on PostgreSQL", msg, row, { step }) });
    })();
    state.pending.push(job);
  });
  for (const channel of CHANNELS) {
    await listener.query(`LISTEN "${channel}"`);
  }
  return { state, listener };
}

function startServer(pool, name) {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { adapter: createAdapter(pool, { cleanupInterval: 600000 }) });
  io.of("/chat"); // a second namespace, so a second channel
  return new Promise((resolve) => httpServer.listen(0, "127.0.0.1", () => resolve({ io, httpServer, name })));
}

async function main() {
  const pool = await recreateDatabase();
  const { state, listener } = await startCapture(pool);
  const step = async (name, action, settleMs = 400) => {
    state.step = name;
    await action();
    await sleep(settleMs);
  };
  const errors = [];
  const poolA = new Pool({ ...PG, database: DB, max: 4 });
  const poolB = new Pool({ ...PG, database: DB, max: 4 });
  poolA.on("error", () => {});
  poolB.on("error", () => {});

  let a;
  let b;
  await step("startup-a", async () => {
    a = await startServer(poolA, "A");
  }, 800);
  await step("startup-b", async () => {
    b = await startServer(poolB, "B");
  }, 800);

  // Server B hosts the clients; server A drives the cluster operations.
  b.io.on("connection", (socket) => {
    socket.join("room1");
    socket.data = { user: { name: "Zo\u00eb", id: 42 }, tags: ["a", "b"] };
    socket.on("relay", (payload) => socket.broadcast.emit("relayed", payload));
  });
  b.io.of("/chat").on("connection", (socket) => socket.join("chat-room"));
  for (const server of [a, b]) {
    server.io.on("hello-server", (...args) => {
      const cb = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
      if (cb) cb({ ok: true, from: server.name, got: args });
    });
    server.io.on("bin-server", (...args) => {
      const cb = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
      if (cb) cb(Buffer.from([0xca, 0xfe, server.name.charCodeAt(0)]));
    });
  }
  const url = `http://127.0.0.1:${b.httpServer.address().port}`;
  const c1 = connect(url, { auth: { token: "abc" }, query: { room: "r1" }, transports: ["websocket"] });
  const c2 = connect(url + "/chat", { transports: ["websocket"] });
  c1.on("ping-ack", (...args) => args.pop()("pong-" + args[0]));
  c1.on("bin-ack", (cb) => cb(Buffer.from("ack-bytes")));
  await Promise.all([new Promise((r) => c1.on("connect", r)), new Promise((r) => c2.on("connect", r))]);
  await sleep(300);
  const io = a.io;

  await step("broadcast-all", () => io.emit("hello", "world", 42, 3.14, true, null, { nested: { deep: [1, "two"] } }));
  await step("broadcast-rooms-except", () => io.to("room1").except("room2").emit("roomed", "x"));
  await step("broadcast-flags", () => io.to(["room1", "room3"]).volatile.compress(false).emit("flags", 1));
  await step("broadcast-except-socket", () => io.except(c1.id).emit("except-socket"));
  await step("broadcast-unicode", () =>
    io.emit("unicode", "h\u00e9llo w\u00f6rld \u2713 \ud83d\ude00 \u4e2d\u6587", "\u0000\u001f\"\\/\b\f\n\r\t\u2028"),
  );
  await step("broadcast-binary", () => io.emit("binary", Buffer.from([0, 1, 2, 255]), { nested: [Buffer.from("deep")] }));
  await step("broadcast-big", () => io.emit("big", "\u20ac".repeat(3000)));
  await step("broadcast-ack", () => io.timeout(2000).emitWithAck("ping-ack", "a").catch((e) => errors.push(String(e))));
  await step("broadcast-ack-binary", () => io.timeout(2000).emitWithAck("bin-ack").catch((e) => errors.push(String(e))));
  await step("sockets-join", () => io.in("room1").socketsJoin(["j1", "j2"]));
  await step("sockets-leave", () => io.in("room1").socketsLeave("j1"));
  await step("disconnect-sockets-nobody", () => io.in("no-such-room").disconnectSockets(true));
  let remote;
  await step("fetch-sockets", async () => {
    remote = await io.fetchSockets();
  });
  await step("fetch-sockets-chat", () => io.of("/chat").fetchSockets());
  await step("remote-socket-emit-ack", () =>
    remote[0].timeout(2000).emitWithAck("ping-ack", "remote").catch((e) => errors.push(String(e))),
  );
  await step("server-side-emit", () => io.serverSideEmit("hello-server", { a: 1 }));
  await step("server-side-emit-ack", () => io.serverSideEmitWithAck("hello-server", { a: 2 }).catch((e) => errors.push(String(e))));
  await step("server-side-emit-binary-ack", () =>
    io.serverSideEmitWithAck("bin-server", Buffer.from("req")).catch((e) => errors.push(String(e))),
  );
  await step("namespace-chat", () => io.of("/chat").to("chat-room").emit("chat", "hi"));
  await step("socket-broadcast", () => c1.emit("relay", { text: "from client" }));
  // Node compares with '>': a JSON payload of exactly 8000 bytes goes inline, and PostgreSQL refuses it.
  const shape = { type: 3, data: { packet: { type: 2, data: ["x", ""] }, opts: { rooms: [], except: [], flags: {} } } };
  const base = Buffer.byteLength(JSON.stringify({ ...shape, uid: "0123456789abcdef", nsp: "/" }));
  await step("exactly-8000-bytes", () => io.emit("x", "a".repeat(8000 - base)));

  const emitter = new Emitter(poolA);
  await step("emitter-emit", () => emitter.to("room1").volatile.emit("from-emitter", 1));
  await step("emitter-sockets-join", () => emitter.in("room1").socketsJoin("e1"));
  await step("emitter-server-side-emit", () => emitter.serverSideEmit("hello-server", "from emitter"));
  await step("emitter-binary", () => emitter.emit("bin", Buffer.from([7, 7])));

  await step("disconnect-sockets", () => io.disconnectSockets(false));
  c1.close();
  c2.close();
  await step("close-a", () => new Promise((r) => a.io.close(() => r())), 800);
  await step("close-b", () => new Promise((r) => b.io.close(() => r())), 800);

  await Promise.all(state.pending);
  await listener.end();
  await poolA.end().catch(() => {});
  await poolB.end().catch(() => {});
  await pool.end();
  await dropDatabase();

  const entries = state.entries.sort((x, y) => x.seq - y.seq).map((x) => x.entry);
  const sent8000 = entries.some((e) => e.step === "exactly-8000-bytes");
  writeFixture("captured-run.json", "capture-postgres-run.js", entries, [
    "Every NOTIFY seen on socket.io#/ and socket.io#/chat while two Socket.IO servers (A drives, B hosts the clients) ran.",
    "step: the operation running when the notification arrived (heartbeats may land in any step).",
    `exactly-8000-bytes reached PostgreSQL: ${sent8000} (Node 0.5.0 sends 8000 bytes inline, which NOTIFY refuses).`,
    `client-side errors: ${JSON.stringify(errors)}`,
  ]);
  process.exit(0);
}

main().catch(async (err) => {
  console.error(err);
  process.exit(1);
});
