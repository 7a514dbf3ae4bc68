"use strict";
// Helpers shared by the two fixture generators. Nothing here encodes protocol messages itself: the
// encoding is always done by the real npm packages; these only record what they produce.

const fs = require("node:fs");
const path = require("node:path");
const { decode } = require("@msgpack/msgpack");

const MAX_VIEW_CHARS = 16384;
const FIXTURE_DIR = path.join(__dirname, "..", "resources", "node-fixtures");

/** The versions actually installed, read from node_modules, so a fixture says what made it. */
function installedVersions() {
  const names = [
    "@socket.io/postgres-adapter",
    "@socket.io/postgres-emitter",
    "socket.io-adapter",
    "@msgpack/msgpack",
    "socket.io",
    "socket.io-client",
    "pg",
  ];
  const versions = { node: process.version };
  for (const name of names) {
    versions[name] = require(`${name}/package.json`).version;
  }
  return versions;
}

/**
 * How Node sees a decoded value, as plain JSON: binary (any ArrayBufferView) becomes {"$bin": base64},
 * undefined becomes {"$undefined": true}, NaN and infinities become {"$number": "NaN"} and so on.
 * Java compares its own decoding against this view.
 */
function nodeView(value) {
  if (value === undefined) {
    return { $undefined: true };
  }
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return value;
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : { $number: String(value) };
  }
  if (ArrayBuffer.isView(value)) {
    return { $bin: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  }
  if (value instanceof Date) {
    return { $date: value.toISOString() };
  }
  if (Array.isArray(value)) {
    return value.map(nodeView);
  }
  const out = {};
  for (const key of Object.keys(value)) {
    out[key] = nodeView(value[key]);
  }
  return out;
}

/** Turns the publish log of one message into a fixture entry. */
function entryFrom(name, source, notify, attachmentRow, extra) {
  const entry = { name, source, channel: notify.channel, notification: notify.payload };
  if (attachmentRow) {
    const bytes = Buffer.from(attachmentRow.payload);
    const view = nodeView(decode(bytes));
    entry.attachment = { id: attachmentRow.id, base64: bytes.toString("base64") };
    // Large views only repeat what the byte-exact round trip already proves; keep the file small.
    if (JSON.stringify(view).length <= MAX_VIEW_CHARS) {
      entry.attachment.nodeView = view;
    }
  }
  return Object.assign(entry, extra || {});
}

function writeFixture(fileName, generator, entries, notes) {
  fs.mkdirSync(FIXTURE_DIR, { recursive: true });
  const doc = { generator, versions: installedVersions(), notes, entries };
  const file = path.join(FIXTURE_DIR, fileName);
  fs.writeFileSync(file, JSON.stringify(doc, null, 1) + "\n");
  console.log(`wrote ${entries.length} entries to ${path.relative(process.cwd(), file)}`);
}

module.exports = { installedVersions, nodeView, entryFrom, writeFixture };
