"use strict";
// Real socket.io-client 4 clients, any number, to any Socket.IO server (Node or Java), driven over
// stdin/stdout (see control.js).
//
//   node client.js
//
// Every event a client receives is reported as {"event":"received","client":name,"name":event,"args":[...]}
// (binary as {"$bin": base64}); an event that asks for an acknowledgement is answered with the client's
// `ackReply` (default: its name), and reported with "withAck": true.

const { io } = require("socket.io-client");
const { report, serve } = require("./control");

const clients = new Map();

function client(name) {
  const socket = clients.get(name);
  if (!socket) throw new Error(`no client named "${name}"`);
  return socket;
}

const commands = {
  /** Connects a client: url, nsp ("/"), transport ("websocket" or "polling"), auth, query, ackReply. */
  connect: ({ name, url, nsp = "/", transport = "websocket", auth = {}, query = {}, ackReply = name }) =>
    new Promise((resolve, reject) => {
      if (clients.has(name)) throw new Error(`client "${name}" exists`);
      const socket = io(url + (nsp === "/" ? "" : nsp), {
        transports: [transport],
        auth,
        query,
        forceNew: true,
        reconnection: false,
        timeout: 10000,
      });
      clients.set(name, socket);
      socket.onAny((event, ...args) => {
        const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
        report("received", { client: name, name: event, args, withAck: !!ack });
        if (ack) ack(ackReply);
      });
      socket.on("disconnect", (reason) => report("disconnect", { client: name, reason }));
      socket.once("connect", () => resolve({ id: socket.id, transport: socket.io.engine.transport.name }));
      socket.once("connect_error", (err) => reject(new Error(`${name} could not connect to ${url}: ${err.message}`)));
    }),

  /** Emits from a client; with `ack`, waits up to `timeout` ms for the server's answer. */
  emit: ({ name, event, args = [], ack = false, timeout = 5000 }) => {
    const socket = client(name);
    if (!ack) {
      socket.emit(event, ...args);
      return null;
    }
    return socket.timeout(timeout).emitWithAck(event, ...args);
  },

  status: ({ name }) => {
    const socket = client(name);
    return { id: socket.id || null, connected: socket.connected };
  },

  disconnect: ({ name }) => {
    client(name).disconnect();
    clients.delete(name);
    return null;
  },
};

serve(commands);
report("ready", { node: process.version, versions: { "socket.io-client": require("socket.io-client/package.json").version } });
