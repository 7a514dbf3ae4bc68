"use strict";
// A real Socket.IO 4 server with @socket.io/postgres-adapter 0.5.0, driven over stdin/stdout (see control.js).
//
//   node server.js [--port=0] [--channel-prefix=socket.io] [--table=socket_io_attachments]
//                  [--heartbeat-interval=5000] [--heartbeat-timeout=10000] [--name=node]
//
// Each option may also come from the environment (SIO_PORT, SIO_CHANNEL_PREFIX, SIO_TABLE,
// SIO_HEARTBEAT_INTERVAL, SIO_HEARTBEAT_TIMEOUT, SIO_NAME); PostgreSQL from PGHOST, PGPORT, PGDATABASE,
// PGUSER, PGPASSWORD. Namespaces "/" and "/chat" are served. Prints {"event":"ready",...} once it listens
// for HTTP and its adapter listens on PostgreSQL.
//
// What a connecting client gets: handshake auth {rooms: [...], data: any} joins those rooms and becomes
// socket.data; the events "join" and "leave" (rooms, ack) change its rooms; "relay" (event, ...args) is
// re-sent with socket.broadcast.emit, i.e. to everybody in the cluster but the sender.

const http = require("node:http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/postgres-adapter");
const { report, serve, option, recordingPool } = require("./control");

const NAME = option("name", "SIO_NAME", "node");
const TABLE = option("table", "SIO_TABLE", "socket_io_attachments");
const NAMESPACES = ["/", "/chat"];
const adapterOptions = {
  channelPrefix: option("channel-prefix", "SIO_CHANNEL_PREFIX", "socket.io"),
  tableName: TABLE,
  heartbeatInterval: Number(option("heartbeat-interval", "SIO_HEARTBEAT_INTERVAL", 5000)),
  heartbeatTimeout: Number(option("heartbeat-timeout", "SIO_HEARTBEAT_TIMEOUT", 10000)),
  errorHandler: (err) => report("adapterError", { message: err.message }),
};

const pool = recordingPool();
const httpServer = http.createServer();
let io;

function describe(socket) {
  const { auth, query } = socket.handshake;
  return { id: socket.id, rooms: [...socket.rooms], data: socket.data, handshake: { auth, query } };
}

function onConnection(socket) {
  const nsp = socket.nsp.name;
  const { rooms, data } = socket.handshake.auth || {};
  if (rooms) {
    socket.join(rooms);
  }
  if (data !== undefined) {
    socket.data = data;
  }
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

/** The broadcast operator a command names: nsp, to (rooms), except (rooms), volatile, compress, timeout. */
function target({ nsp = "/", to = [], except = [], volatile, compress, timeout }) {
  let operator = io.of(nsp).to(to).except(except);
  if (volatile) operator = operator.volatile;
  if (compress !== undefined) operator = operator.compress(compress);
  if (timeout !== undefined) operator = operator.timeout(timeout);
  return operator;
}

/** What went to PostgreSQL while `action` ran, once it has all been sent (payloads left out). */
async function sentDuring(action) {
  const first = pool.sent.length;
  await action();
  await pool.drain();
  return { sent: pool.sentSince(first) };
}

/**
 * Pads the last argument so that the adapter's JSON message is exactly `bytes` UTF-8 bytes, mirroring how
 * socket.io-adapter 2.5.8 builds it: {type, data: {packet, opts}, uid, nsp}.
 */
function padTo(bytes, { nsp = "/", to = [], except = [], event, args = [] }) {
  const message = (pad) => ({
    type: 3,
    data: { packet: { type: 2, data: [event, ...args, pad] }, opts: { rooms: to, except, flags: {} } },
    uid: io.of(nsp).adapter.uid,
    nsp,
  });
  const base = Buffer.byteLength(JSON.stringify(message("")));
  if (base > bytes) throw new Error(`cannot pad to ${bytes} bytes: the message alone has ${base}`);
  return [...args, "a".repeat(bytes - base)];
}

const serverSideHandlers = new Map();

const commands = {
  info: async ({ nsp = "/" }) => ({ name: NAME, port: httpServer.address().port, uid: io.of(nsp).adapter.uid }),

  broadcast: (cmd) => {
    const args = cmd.padTo !== undefined ? padTo(cmd.padTo, cmd) : cmd.args || [];
    return sentDuring(() => target(cmd).emit(cmd.event, ...args));
  },

  broadcastWithAck: (cmd) =>
    new Promise((resolve) => {
      target({ ...cmd, timeout: cmd.timeout || 2000 }).emit(cmd.event, ...(cmd.args || []), (err, responses) =>
        resolve({ error: err ? err.message : null, responses }),
      );
    }),

  fetchSockets: async (cmd) => (await target(cmd).fetchSockets()).map(describe),

  /** Finds one socket with fetchSockets, then `socket.timeout(t).emit(event, ...args, (err, response) => ...)`. */
  remoteSocketEmitWithAck: async ({ nsp = "/", id, event, args = [], timeout = 2000 }) => {
    const sockets = await io.of(nsp).in(id).fetchSockets();
    if (sockets.length !== 1) {
      return { error: `fetchSockets found ${sockets.length} sockets with id ${id}`, responses: [] };
    }
    return new Promise((resolve) => {
      sockets[0].timeout(timeout).emit(event, ...args, (err, response) =>
        resolve({ error: err ? err.message : null, responses: err ? [] : [response] }),
      );
    });
  },

  localSockets: async ({ nsp = "/" }) => [...io.of(nsp).sockets.values()].map(describe),

  socketsJoin: (cmd) => sentDuring(() => target(cmd).socketsJoin(cmd.rooms)),

  socketsLeave: (cmd) => sentDuring(() => target(cmd).socketsLeave(cmd.rooms)),

  disconnectSockets: (cmd) => sentDuring(() => target(cmd).disconnectSockets(!!cmd.close)),

  serverSideEmit: ({ nsp = "/", event, args = [] }) => sentDuring(() => io.of(nsp).serverSideEmit(event, ...args)),

  serverSideEmitWithAck: ({ nsp = "/", event, args = [] }) =>
    new Promise((resolve) => {
      io.of(nsp).serverSideEmit(event, ...args, (err, responses) =>
        resolve({ error: err ? err.message : null, responses }),
      );
    }),

  /** Registers (once) a server-side handler that reports each call and answers acks with `reply`. */
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

  /** Leaves the cluster the orderly way (ADAPTER_CLOSE), then exits. */
  close: async () => {
    await new Promise((resolve) => {
      io.close(() => resolve());
      setTimeout(resolve, 2000);
    });
    await pool.drain();
    setImmediate(() => process.exit(0));
    return null;
  },
};

/**
 * Resolves once the adapter's LISTEN is in place on every namespace's channel: sends a harmless message
 * (a HEARTBEAT from the uid "emitter", which no node counts as a peer) until the adapter hands it back.
 */
async function listening() {
  await Promise.all(
    NAMESPACES.map(async (nsp) => {
      const adapter = io.of(nsp).adapter;
      const probe = `probe-${process.pid}-${nsp}`;
      let heard = false;
      const onMessage = adapter.onMessage.bind(adapter);
      adapter.onMessage = (message, offset) => {
        if (message.probe === probe) {
          heard = true;
          return undefined;
        }
        return onMessage(message, offset);
      };
      const channel = `${adapterOptions.channelPrefix}#${nsp}`;
      const payload = JSON.stringify({ type: 2, uid: "emitter", nsp, probe });
      for (let i = 0; !heard; i++) {
        if (i >= 100) throw new Error(`the adapter did not start listening on ${channel}`);
        await pool.query("SELECT pg_notify($1, $2)", [channel, payload]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }),
  );
}

async function main() {
  // The adapter expects the table to exist; this is the DDL its README gives.
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`);
  io = new Server(httpServer, { adapter: createAdapter(pool, adapterOptions) });
  for (const nsp of NAMESPACES) {
    io.of(nsp).on("connection", onConnection);
  }
  await new Promise((resolve) => httpServer.listen(Number(option("port", "SIO_PORT", 0)), "127.0.0.1", resolve));
  await listening();
  serve(commands);
  const versions = {};
  for (const pkg of ["socket.io", "socket.io-adapter", "@socket.io/postgres-adapter", "pg"]) {
    versions[pkg] = require(`${pkg}/package.json`).version;
  }
  report("ready", { name: NAME, port: httpServer.address().port, uid: io.of("/").adapter.uid, node: process.version, versions });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
