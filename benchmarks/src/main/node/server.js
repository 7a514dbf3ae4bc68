"use strict";
// The Node reference server of the end-to-end benchmark: Socket.IO 4.8 with @socket.io/postgres-adapter 0.5.0
// (--pg) or @socket.io/redis-streams-adapter 0.3.1 on the `redis` 4.7 client (--redis), defaults as a user gets
// them (perMessageDeflate off), doing what JavaBenchServer does:
//   - a client whose handshake query has room=x joins room x;
//   - "bcast" (msg) is relayed to every client of the cluster (io.emit), the sender included;
//   - "room" (msg) is relayed to the clients of room msg.r (io.to(msg.r).emit).
//
//   node server.js --port=9201 [--pg=postgresql://user@host:port/db | --redis=redis://host:port/db --stream=name]
//                  [--cluster=on|off]
//
// --stream names the Redis stream and the pub/sub channel prefix (the adapter's streamName and channelPrefix,
// both "socket.io" by default), so that one run never mixes with other users of the same Redis.
//
// Prints "ready ..." once it listens (and, clustered, once its adapter listens on PostgreSQL); exits when its
// standard input closes. Nothing is logged per message.

const http = require("node:http");
const { Server } = require("socket.io");

function option(name, fallback) {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg === undefined ? fallback : arg.slice(prefix.length);
}

const port = Number(option("port", "9201"));
const clustered = option("cluster", "on") === "on";
const pgUrl = option("pg", process.env.SIO_PG_NODE_URL);
const redisUrl = option("redis", undefined);
const streamName = option("stream", "socket.io");

async function main() {
  const httpServer = http.createServer();
  const serverOptions = {};
  let pool;
  let redisClient;
  if (clustered && redisUrl) {
    const { createClient } = require("redis");
    const { createAdapter } = require("@socket.io/redis-streams-adapter");
    redisClient = createClient({ url: redisUrl });
    redisClient.on("error", (err) => console.error("redis client error:", err.message));
    await redisClient.connect();
    serverOptions.adapter = createAdapter(redisClient, { streamName, channelPrefix: streamName });
  } else if (clustered) {
    if (!pgUrl) throw new Error("--cluster=on needs --pg=postgresql://... or --redis=redis://...");
    const { Pool } = require("pg");
    const { createAdapter } = require("@socket.io/postgres-adapter");
    pool = new Pool({ connectionString: pgUrl, max: 4, application_name: `sio-bench-node-${port}` });
    pool.on("error", (err) => console.error("pg pool error:", err.message));
    serverOptions.adapter = createAdapter(pool, {
      errorHandler: (err) => console.error("adapter error:", err.message),
    });
  }
  const io = new Server(httpServer, serverOptions);
  io.on("connection", (socket) => {
    const room = socket.handshake.query.room;
    if (typeof room === "string" && room !== "") socket.join(room);
    socket.on("bcast", (msg) => io.emit("bcast", msg));
    socket.on("room", (msg) => {
      if (msg && typeof msg.r === "string") io.to(msg.r).emit("room", msg);
    });
  });
  await new Promise((resolve) => httpServer.listen(port, "127.0.0.1", resolve));
  if (clustered) {
    // the adapter LISTENs (or starts reading its stream) asynchronously: give it a moment so the first
    // messages are not missed
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const bus = !clustered ? "none" : redisUrl ? "redis" : "postgres";
  console.log(`ready port=${port} cluster=${clustered ? "on" : "off"} bus=${bus} pid=${process.pid}`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    io.close();
    if (pool) pool.end().catch(() => {});
    if (redisClient) redisClient.disconnect().catch(() => {});
    setTimeout(() => process.exit(0), 200).unref();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
