"use strict";
// A real Socket.IO 4 server with @socket.io/redis-streams-adapter 0.3.1 (redis 4.7 client), driven over
// stdin/stdout like server.js (same commands, same client conventions; "sent" lists are empty here).
//
//   node redis-server.js --redis-url=redis://127.0.0.1:6379/0 [--stream-name=socket.io]
//                        [--channel-prefix=socket.io] [--stream-count=1] [--port=0] [--name=node]
//
// Prints {"event":"ready",...} once it listens for HTTP and its adapter reads the stream of every namespace.

const http = require("node:http");
const { createClient } = require("redis");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-streams-adapter");
const { report, serve, option } = require("./control");

const NAME = option("name", "SIO_NAME", "node");
const REDIS_URL = option("redis-url", "SIO_REDIS_URL", "redis://127.0.0.1:6379");
const NAMESPACES = ["/", "/chat"];
const adapterOptions = {
  streamName: option("stream-name", "SIO_STREAM_NAME", "socket.io"),
  channelPrefix: option("channel-prefix", "SIO_CHANNEL_PREFIX", "socket.io"),
  streamCount: Number(option("stream-count", "SIO_STREAM_COUNT", "1")),
};

/** The stream a namespace's messages travel on: the adapter's own computeStreamName, repeated (it is not exported). */
function streamOf(nsp) {
  if (adapterOptions.streamCount === 1) return adapterOptions.streamName;
  let hash = 0;
  for (let i = 0; i < nsp.length; i++) {
    hash = hash * 31 + nsp.charCodeAt(i);
    hash |= 0;
  }
  return `${adapterOptions.streamName}-${hash % adapterOptions.streamCount}`;
}

const httpServer = http.createServer();
let io;
let redis;

function describe(socket) {
  const { auth, query } = socket.handshake;
  return { id: socket.id, rooms: [...socket.rooms], data: socket.data, handshake: { auth, query } };
}

function onConnection(socket) {
  const nsp = socket.nsp.name;
  const { rooms, data } = socket.handshake.auth || {};
  if (rooms) socket.join(rooms);
  if (data !== undefined) socket.data = data;
  socket.on("join", (joined, ack) => {
    socket.join(joined);
    if (typeof ack === "function") ack([...socket.rooms]);
  });
  socket.on("leave", (left, ack) => {
    socket.leave(left);
    if (typeof ack === "function") ack([...socket.rooms]);
  });
  socket.on("relay", (event, ...args) => socket.broadcast.emit(event, ...args));
  socket.on("disconnect", (reason) => report("disconnect", { nsp, id: socket.id, reason }));
  report("connection", { nsp, id: socket.id });
}

function target({ nsp = "/", to = [], except = [], volatile, compress, timeout }) {
  let operator = io.of(nsp).to(to).except(except);
  if (volatile) operator = operator.volatile;
  if (compress !== undefined) operator = operator.compress(compress);
  if (timeout !== undefined) operator = operator.timeout(timeout);
  return operator;
}

/** Runs the action; what it sent is not recorded over Redis (an empty list keeps server.js's answer shape). */
async function sentDuring(action) {
  await action();
  return { sent: [] };
}

const serverSideHandlers = new Map();

const commands = {
  info: async ({ nsp = "/" }) => ({ name: NAME, port: httpServer.address().port, uid: io.of(nsp).adapter.uid }),
  broadcast: (cmd) => sentDuring(() => target(cmd).emit(cmd.event, ...(cmd.args || []))),
  broadcastWithAck: (cmd) =>
    new Promise((resolve) => {
      target({ ...cmd, timeout: cmd.timeout || 2000 }).emit(cmd.event, ...(cmd.args || []), (err, responses) =>
        resolve({ error: err ? err.message : null, responses }),
      );
    }),
  fetchSockets: async (cmd) => (await target(cmd).fetchSockets()).map(describe),
  localSockets: async ({ nsp = "/" }) => [...io.of(nsp).sockets.values()].map(describe),
  socketsJoin: (cmd) => sentDuring(() => target(cmd).socketsJoin(cmd.rooms)),
  socketsLeave: (cmd) => sentDuring(() => target(cmd).socketsLeave(cmd.rooms)),
  disconnectSockets: (cmd) => sentDuring(() => target(cmd).disconnectSockets(!!cmd.close)),
  serverSideEmit: ({ nsp = "/", event, args = [] }) => sentDuring(() => io.of(nsp).serverSideEmit(event, ...args)),
  serverSideEmitWithAck: ({ nsp = "/", event, args = [] }) =>
    new Promise((resolve) => {
      io.of(nsp).serverSideEmit(event, ...args, (err, responses) => resolve({ error: err ? err.message : null, responses }));
    }),
  onServerSideEmit: ({ nsp = "/", event, reply = null }) => {
    const key = `${nsp}\u0000${event}`;
    if (!serverSideHandlers.has(key)) {
      io.of(nsp).on(event, (...args) => {
        const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
        report("serverSideEmit", { nsp, name: event, args, withAck: !!ack });
        if (ack) ack(serverSideHandlers.get(key));
      });
    }
    serverSideHandlers.set(key, reply);
    return null;
  },
  serverCount: ({ nsp = "/" }) => io.of(nsp).adapter.serverCount(),
  close: async () => {
    await new Promise((resolve) => {
      io.close(() => resolve());
      setTimeout(resolve, 2000);
    });
    setImmediate(() => process.exit(0));
    return null;
  },
};

/**
 * Resolves once the adapter reads the stream (it starts at "$", so anything added before its first XREAD is
 * missed): adds a HEARTBEAT from the uid "emitter" (no node counts it as a peer) until the adapter hands it back.
 */
async function reading() {
  await Promise.all(
    NAMESPACES.map(async (nsp) => {
      const adapter = io.of(nsp).adapter;
      let heard = false;
      const onMessage = adapter.onMessage.bind(adapter);
      adapter.onMessage = (message, offset) => {
        if (message.uid === "emitter" && message.type === 2) {
          heard = true;
          return undefined;
        }
        return onMessage(message, offset);
      };
      for (let i = 0; !heard; i++) {
        if (i >= 100) throw new Error(`the adapter did not start reading ${streamOf(nsp)}`);
        await redis.xAdd(streamOf(nsp), "*", { uid: "emitter", nsp, type: "2" });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }),
  );
}

async function main() {
  redis = createClient({ url: REDIS_URL });
  redis.on("error", (err) => report("adapterError", { message: err.message }));
  await redis.connect();
  io = new Server(httpServer, { adapter: createAdapter(redis, adapterOptions) });
  for (const nsp of NAMESPACES) {
    io.of(nsp).on("connection", onConnection);
  }
  await new Promise((resolve) => httpServer.listen(Number(option("port", "SIO_PORT", 0)), "127.0.0.1", resolve));
  await reading();
  serve(commands);
  const versions = {};
  for (const pkg of ["socket.io", "socket.io-adapter", "@socket.io/redis-streams-adapter", "redis"]) {
    versions[pkg] = require(`${pkg}/package.json`).version;
  }
  report("ready", { name: NAME, port: httpServer.address().port, uid: io.of("/").adapter.uid, node: process.version, versions });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
