"use strict";
// The Node emitter, @socket.io/postgres-emitter 0.1.1, driven over stdin/stdout (see control.js).
//
//   node emitter.js [--channel-prefix=socket.io] [--table=socket_io_attachments]
//
// (or SIO_CHANNEL_PREFIX, SIO_TABLE; PostgreSQL from PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD).
// Each command returns what went to PostgreSQL ({"sent": [...]}) once it has been sent: the emitter itself
// publishes fire-and-forget. One Emitter per namespace is built with the constructor, because
// Emitter#of in 0.1.1 forgets the channel prefix and table name.

const { Emitter } = require("@socket.io/postgres-emitter");
const { report, serve, option, recordingPool } = require("./control");

const emitterOptions = {
  channelPrefix: option("channel-prefix", "SIO_CHANNEL_PREFIX", "socket.io"),
  tableName: option("table", "SIO_TABLE", "socket_io_attachments"),
};
const pool = recordingPool();

function target({ nsp = "/", to = [], except = [], volatile }) {
  let operator = new Emitter(pool, nsp, emitterOptions).to(to).except(except);
  if (volatile) operator = operator.volatile;
  return operator;
}

async function sentDuring(action) {
  const first = pool.sent.length;
  action();
  await pool.drain();
  return { sent: pool.sentSince(first) };
}

serve({
  emit: (cmd) => sentDuring(() => target(cmd).emit(cmd.event, ...(cmd.args || []))),
  socketsJoin: (cmd) => sentDuring(() => target(cmd).socketsJoin(cmd.rooms)),
  socketsLeave: (cmd) => sentDuring(() => target(cmd).socketsLeave(cmd.rooms)),
  disconnectSockets: (cmd) => sentDuring(() => target(cmd).disconnectSockets(!!cmd.close)),
  serverSideEmit: ({ nsp = "/", event, args = [] }) =>
    sentDuring(() => new Emitter(pool, nsp, emitterOptions).serverSideEmit(event, ...args)),
});

pool.query("SELECT 1").then(
  () => report("ready", { node: process.version, versions: { "@socket.io/postgres-emitter": require("@socket.io/postgres-emitter/package.json").version } }),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
