"use strict";
// The control protocol the Java tests drive these scripts with: one JSON object per line.
//
//   stdin   {"id": 7, "cmd": "broadcast", "args": {...}}
//   stdout  {"id": 7, "ok": true, "result": ...}   or   {"id": 7, "ok": false, "error": "..."}
//   stdout  {"event": "received", ...}              things that happened, in the order they happened
//
// Binary travels as {"$bin": "<base64>"} in both directions, at any depth. Logs go to stderr. When stdin
// closes (the Java side stopped us, or died), the process exits: no leftovers.

const readline = require("node:readline");
const { Pool } = require("pg");

/** A JavaScript value as JSON: Buffers and typed arrays become {"$bin": base64}. */
function toWire(value) {
  if (value === undefined || value === null || typeof value !== "object") {
    return value === undefined ? null : value;
  }
  if (value instanceof ArrayBuffer) {
    return { $bin: Buffer.from(value).toString("base64") };
  }
  if (ArrayBuffer.isView(value)) {
    return { $bin: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  }
  if (Array.isArray(value)) {
    return value.map(toWire);
  }
  const out = {};
  for (const key of Object.keys(value)) {
    out[key] = toWire(value[key]);
  }
  return out;
}

/** The reverse of toWire: {"$bin": base64} becomes a Buffer. */
function fromWire(value) {
  if (value === null || typeof value !== "object") {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(fromWire);
  }
  if (typeof value.$bin === "string" && Object.keys(value).length === 1) {
    return Buffer.from(value.$bin, "base64");
  }
  const out = {};
  for (const key of Object.keys(value)) {
    out[key] = fromWire(value[key]);
  }
  return out;
}

function write(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

/** Tells the Java side that something happened. */
function report(event, fields) {
  write({ event, ...toWire(fields) });
}

/** Answers each command line with its handler's result; handlers may be async. */
function serve(commands) {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on("line", async (line) => {
    if (!line.trim()) {
      return;
    }
    let request;
    try {
      request = JSON.parse(line);
    } catch (e) {
      return write({ id: null, ok: false, error: `not JSON: ${line}` });
    }
    try {
      const handler = commands[request.cmd];
      if (!handler) {
        throw new Error(`unknown command "${request.cmd}"`);
      }
      const result = await handler(fromWire(request.args || {}));
      write({ id: request.id, ok: true, result: toWire(result) });
    } catch (e) {
      write({ id: request.id, ok: false, error: String((e && e.message) || e) });
    }
  });
  lines.on("close", () => process.exit(0));
}

/** `--name=value` from the command line, else the environment variable, else the fallback. */
function option(name, envName, fallback) {
  const flag = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  if (flag) {
    return flag.slice(name.length + 3);
  }
  return process.env[envName] !== undefined && process.env[envName] !== "" ? process.env[envName] : fallback;
}

/**
 * A pg pool (connection from PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD) that records what goes to
 * PostgreSQL, so a test can see what the npm packages really sent: each pg_notify with its size and
 * outcome, each attachment insert, and whether anything is still in flight.
 */
function recordingPool() {
  const pool = new Pool({ max: 4 });
  pool.on("error", (err) => console.error("idle pool client error:", err.message));
  const sent = [];
  const inFlight = new Set();
  const query = pool.query.bind(pool);
  pool.query = (...args) => {
    const text = typeof args[0] === "string" ? args[0] : args[0].text;
    const promise = query(...args);
    let entry;
    if (text.includes("pg_notify")) {
      const [channel, payload] = args[1];
      entry = { kind: "notify", channel, payload, bytes: Buffer.byteLength(payload) };
    } else if (text.startsWith("INSERT INTO")) {
      entry = { kind: "attachment" };
    }
    if (entry) {
      sent.push(entry);
    }
    const settled = promise.then(
      () => entry && (entry.ok = true),
      (err) => entry && Object.assign(entry, { ok: false, error: err.message }),
    );
    inFlight.add(settled);
    settled.finally(() => inFlight.delete(settled));
    return promise;
  };
  /** Resolves once every query issued so far has settled (publishing in these packages is fire-and-forget). */
  pool.drain = async () => {
    do {
      await Promise.all([...inFlight]);
      await new Promise((resolve) => setImmediate(resolve)); // let a settled query's follow-up be issued
    } while (inFlight.size > 0);
  };
  /** What was sent from index `first` on, without payloads: {kind, type, bytes, ok, error}. */
  pool.sentSince = (first) =>
    sent.slice(first).map(({ kind, payload, bytes, ok, error }) => ({
      kind,
      type: payload === undefined ? null : JSON.parse(payload).type,
      bytes,
      ok,
      error,
    }));
  pool.sent = sent;
  return pool;
}

module.exports = { toWire, fromWire, report, serve, option, recordingPool };
