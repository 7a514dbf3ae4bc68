"use strict";
// Deterministic fixtures: feeds hand-made cluster messages to the REAL publish code of
// @socket.io/postgres-adapter 0.5.0 (PubSubClient#publish, which makes the inline-or-attachment
// decision, JSON.stringify-s or msgpack-encodes, and builds the attachment header) and of
// @socket.io/postgres-emitter 0.1.1, with a recording stand-in for the pg pool instead of a database.
// The stand-in answers INSERT ... RETURNING id with a string id, as pg does for a bigserial.
//
// Output: ../resources/node-fixtures/encode-cases.json

const { PubSubClient } = require("@socket.io/postgres-adapter/dist/util");
const { Emitter } = require("@socket.io/postgres-emitter");
const { entryFrom, writeFixture } = require("./fixture-support");

const UID = "0123456789abcdef";
const REQ = "fedcba9876543210";

function recordingPool() {
  const log = [];
  let nextId = 1;
  const client = { on() {}, query: async () => ({ rows: [] }), release() {}, removeAllListeners() {} };
  return {
    log,
    connect: async () => client,
    query: async (sql, params) => {
      if (sql.startsWith("SELECT pg_notify")) {
        log.push({ kind: "notify", channel: params[0], payload: params[1] });
        return { rows: [] };
      }
      if (sql.startsWith("INSERT INTO")) {
        const id = String(nextId++);
        log.push({ kind: "insert", id, payload: params[0] });
        return { rows: [{ id }] };
      }
      return { rows: [] };
    },
  };
}

function takeOne(log) {
  const notify = log.find((e) => e.kind === "notify");
  const insert = log.find((e) => e.kind === "insert");
  if (!notify) {
    throw new Error("nothing was published: " + JSON.stringify(log));
  }
  log.length = 0;
  return { notify, insert };
}

// ---- values -----------------------------------------------------------------------------------

const numbers = [
  0, -0, 1, -1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296, 9007199254740991,
  -9007199254740991, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649, 0.5, -1.5, 0.1,
  1e21, 1e20, 1e-7, 1e-6, 123456789.123, 5e-324, 1.7976931348623157e308, 1e300, 2 ** 53, 2 ** 64,
  3.0, 1 / 3, -2.5e-8,
];
const strings = [
  "",
  "a".repeat(31),
  "a".repeat(32),
  "b".repeat(255),
  "c".repeat(256),
  "h\u00e9llo w\u00f6rld \u2713 \ud83d\ude00 \u4e2d\u6587",
  "\u0000\u0001\u001f\"\\/\b\f\n\r\t\u007f\u0080\u2028\u2029",
  "</script><!-- & ' -->",
];
const objects = [
  {},
  { nested: { deep: [1, "two", { three: 3 }] } },
  { "k\u00e9y \ud83d\ude00": "unicode key", "": "empty key" },
  { b: 1, 2: "two", a: 3, 1: "one" }, // JS puts integer-like keys first
  Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, i])),
  Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, i])),
  Array.from({ length: 15 }, (_, i) => i),
  Array.from({ length: 16 }, (_, i) => i),
  [[[[[["six levels"]]]]]],
];

function nestBinary(depth, buf) {
  let v = buf;
  for (let i = 0; i < depth; i++) {
    v = i % 2 === 0 ? [v] : { ["level" + (depth - i)]: v };
  }
  return v;
}

// ---- messages ---------------------------------------------------------------------------------

const opts = (rooms = [], except = [], flags = {}) => ({ rooms, except, flags });
const broadcast = (args, o = opts(), requestId) =>
  requestId === undefined
    ? { type: 3, data: { packet: { type: 2, data: args }, opts: o } }
    : { type: 3, data: { packet: { type: 2, data: args }, requestId, opts: o } };

const handshake = {
  headers: {
    host: "localhost:3000",
    "user-agent": "node-XMLHttpRequest",
    accept: "*/*",
    cookie: "io=abc; other=x\u00e9",
  },
  time: "Mon Jan 01 2024 12:00:00 GMT+0000 (Coordinated Universal Time)",
  address: "::ffff:127.0.0.1",
  xdomain: false,
  secure: false,
  issued: 1704110400000,
  url: "/socket.io/?EIO=4&transport=polling&t=OvRq3Zk",
  query: { EIO: "4", transport: "polling", t: "OvRq3Zk", room: "r1" },
  auth: { token: "abc" },
};
const socketDetails = (id) => ({ id, handshake, rooms: [id, "room1"], data: { user: { name: "Zo\u00eb", id: 42 } } });

function thresholdBroadcast(targetBytes) {
  // The argument mixes 3-byte characters with ASCII so that UTF-16 length and UTF-8 length differ.
  const probe = (s) => Buffer.byteLength(JSON.stringify(Object.assign(broadcast(["threshold", s]), { uid: UID, nsp: "/" })));
  const euros = "\u20ac".repeat(1000);
  const base = probe(euros);
  return broadcast(["threshold", euros + "a".repeat(targetBytes - base)]);
}

const adapterCases = [
  ["initial-heartbeat", { type: 1 }],
  ["heartbeat", { type: 2 }],
  ["adapter-close", { type: 13 }],
  ["broadcast-all", broadcast(["hello", "world"])],
  ["broadcast-no-args", broadcast(["ping"])],
  ["broadcast-rooms-except", broadcast(["roomed", 1], opts(["room1", "room2"], ["room3", "socket-id-1"]))],
  ["broadcast-flags-volatile-compress", broadcast(["flags"], opts([], [], { volatile: true, compress: false }))],
  ["broadcast-flags-other-order", broadcast(["flags"], opts([], [], { timeout: 5000, compress: true, volatile: true }))],
  ["broadcast-with-ack", broadcast(["ask", "q"], opts(["room1"], [], { timeout: 1000 }), REQ)],
  [
    "broadcast-with-ack-single",
    broadcast(["ask"], opts(["socket-id-1"], [], { expectSingleResponse: true, timeout: 2500 }), REQ),
  ],
  ["broadcast-numbers", broadcast(["numbers", ...numbers])],
  ["broadcast-nan-infinity", broadcast(["special", NaN, Infinity, -Infinity])],
  ["broadcast-strings", broadcast(["strings", ...strings])],
  ["broadcast-lone-surrogates", broadcast(["lone", "\ud800", "x\udc00y", "\ud83d"])],
  ["broadcast-objects", broadcast(["objects", ...objects])],
  ["broadcast-null-bool", broadcast(["literals", null, true, false])],
  ["broadcast-namespace-chat", broadcast(["chat", "hi"]), "/chat"],
  ["broadcast-namespace-unicode", broadcast(["ns", 1]), "/caf\u00e9"],
  ["broadcast-binary-top", broadcast(["bin", Buffer.from([0, 1, 2, 254, 255])])],
  ["broadcast-binary-empty", broadcast(["bin", Buffer.alloc(0)])],
  ["broadcast-binary-uint8array", broadcast(["bin", new Uint8Array([9, 8, 7])])],
  ["broadcast-binary-bin16", broadcast(["bin", Buffer.alloc(300, 7)])],
  ["broadcast-binary-bin32", broadcast(["bin", Buffer.alloc(70000, 3)])],
  ...[1, 2, 3, 5, 8].map((d) => [`broadcast-binary-depth-${d}`, broadcast(["deep", nestBinary(d, Buffer.from("deep"))])]),
  [
    "broadcast-binary-mixed-values",
    broadcast(["mixed", Buffer.from("x"), ...numbers, ...strings, "d".repeat(65535), "e".repeat(65536), ...objects]),
  ],
  ["broadcast-binary-with-ack", broadcast(["bin-ask", Buffer.from([1])], opts([], [], { timeout: 100 }), REQ)],
  ["broadcast-big-string", broadcast(["big", "x".repeat(9000)])],
  ["broadcast-big-array", broadcast(["big", Array.from({ length: 70000 }, (_, i) => i % 3)])],
  ["threshold-7999", thresholdBroadcast(7999)],
  ["threshold-8000", thresholdBroadcast(8000)],
  ["threshold-8001", thresholdBroadcast(8001)],
  ["sockets-join", { type: 4, data: { opts: opts(["room1"], ["room2"]), rooms: ["j1", "j2"] } }],
  ["sockets-join-big", { type: 4, data: { opts: opts(), rooms: Array.from({ length: 1000 }, (_, i) => "room-" + i) } }],
  ["sockets-leave", { type: 5, data: { opts: opts([], [], { timeout: 10 }), rooms: ["j1"] } }],
  ["disconnect-sockets-close", { type: 6, data: { opts: opts(["room1"]), close: true } }],
  ["disconnect-sockets-keep", { type: 6, data: { opts: opts(), close: false } }],
  ["fetch-sockets", { type: 7, data: { opts: opts(["room1"], [], { timeout: 5000 }), requestId: REQ } }],
  ["fetch-sockets-response", { type: 8, data: { requestId: REQ, sockets: [socketDetails("s1"), socketDetails("s2")] } }],
  ["fetch-sockets-response-empty", { type: 8, data: { requestId: REQ, sockets: [] } }],
  [
    "fetch-sockets-response-big",
    { type: 8, data: { requestId: REQ, sockets: Array.from({ length: 20 }, (_, i) => socketDetails("sock" + i)) } },
  ],
  [
    // Node checks binary only for four types: a Buffer here is JSON-stringified as {"type":"Buffer",...}.
    "fetch-sockets-response-buffer-in-data",
    { type: 8, data: { requestId: REQ, sockets: [{ id: "s1", handshake: {}, rooms: ["s1"], data: Buffer.from([1, 2]) }] } },
  ],
  ["server-side-emit", { type: 9, data: { packet: ["hello-server", { a: 1 }, [2, 3]] } }],
  ["server-side-emit-with-ack", { type: 9, data: { requestId: REQ, packet: ["hello-server", "q"] } }],
  ["server-side-emit-binary", { type: 9, data: { packet: ["bin-server", { blob: Buffer.from("abc") }] } }],
  ["server-side-emit-response", { type: 10, data: { requestId: REQ, packet: { ok: true, from: "B" } } }],
  ["server-side-emit-response-undefined", { type: 10, data: { requestId: REQ, packet: undefined } }],
  ["server-side-emit-response-binary", { type: 10, data: { requestId: REQ, packet: Buffer.from([255, 0]) } }],
  ["server-side-emit-response-undefined-binary-path", { type: 10, data: { requestId: REQ, packet: undefined, x: Buffer.alloc(1) } }],
  ["broadcast-client-count", { type: 11, data: { requestId: REQ, clientCount: 3 } }],
  ["broadcast-client-count-zero", { type: 11, data: { requestId: REQ, clientCount: 0 } }],
  ["broadcast-ack", { type: 12, data: { requestId: REQ, packet: "pong" } }],
  ["broadcast-ack-null", { type: 12, data: { requestId: REQ, packet: null } }],
  ["broadcast-ack-binary", { type: 12, data: { requestId: REQ, packet: { file: Buffer.from("png") } } }],
];

async function adapterEntries() {
  const pool = recordingPool();
  const client = new PubSubClient(pool, {
    channelPrefix: "socket.io",
    tableName: "socket_io_attachments",
    payloadThreshold: 8000,
    cleanupInterval: 30000,
    errorHandler: (err) => {
      throw err;
    },
  }, () => false, () => {});
  const entries = [];
  for (const [name, message, nsp] of adapterCases) {
    // ClusterAdapter#publishAndReturnOffset sets these two last, so they come last in the JSON.
    message.uid = UID;
    message.nsp = nsp || "/";
    await client.publish(message);
    const { notify, insert } = takeOne(pool.log);
    entries.push(
      entryFrom(name, "postgres-adapter PubSubClient#publish", notify, insert, {
        nodeInline: !insert,
        jsonBytes: insert ? undefined : Buffer.byteLength(notify.payload),
      }),
    );
  }
  client.close();
  return entries;
}

async function emitterEntries() {
  const pool = recordingPool();
  const emitter = new Emitter(pool, "/");
  const chat = new Emitter(pool, "/chat");
  const cases = [
    ["emitter-emit", () => emitter.emit("from-emitter", 1, "two")],
    ["emitter-to-except", () => emitter.to("room1").to(["room2"]).except("room3").emit("targeted")],
    ["emitter-volatile-compress", () => emitter.volatile.compress(false).emit("flags")],
    ["emitter-namespace", () => chat.emit("chat", "hi")],
    ["emitter-sockets-join", () => emitter.in("room1").socketsJoin(["a", "b"])],
    ["emitter-sockets-leave", () => emitter.except("room2").socketsLeave("a")],
    ["emitter-disconnect-sockets", () => emitter.to("room1").disconnectSockets(true)],
    ["emitter-disconnect-sockets-default", () => emitter.disconnectSockets()],
    ["emitter-server-side-emit", () => emitter.serverSideEmit("hello-server", { a: 1 })],
    ["emitter-binary", () => emitter.emit("bin", Buffer.from([1, 2, 3]), { deep: [Buffer.from("z")] })],
    ["emitter-big", () => emitter.emit("big", "y".repeat(8500))],
  ];
  const entries = [];
  for (const [name, action] of cases) {
    action();
    // The emitter does not wait for its own publish: give the microtasks a turn.
    for (let i = 0; i < 50 && !pool.log.some((e) => e.kind === "notify"); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const { notify, insert } = takeOne(pool.log);
    entries.push(entryFrom(name, "postgres-emitter BroadcastOperator#publish", notify, insert, { nodeInline: !insert }));
  }
  return entries;
}

(async () => {
  const entries = [...(await adapterEntries()), ...(await emitterEntries())];
  writeFixture("encode-cases.json", "generate-encode-fixtures.js", entries, [
    "notification: the exact pg_notify payload; attachment.base64: the exact bytes INSERTed (msgpack).",
    "attachment.nodeView: @msgpack/msgpack decode() of those bytes, binary as {$bin: base64} (left out when large).",
    "nodeInline: whether Node sent the message inline (Node 0.5.0 compares the JSON size with '>').",
  ]);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
