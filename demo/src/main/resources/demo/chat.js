"use strict";
// The chat page: one Socket.IO connection to the node named by ?node=N (default 1), as ?name=... (default a
// guest name), starting in ?room=... (default lobby). Everything user-supplied is shown with textContent.
(() => {
  const $ = (id) => document.getElementById(id);
  const ports = document.querySelector('meta[name="sio-node-ports"]').content.split(",").map(Number);
  const params = new URLSearchParams(location.search);
  const requested = parseInt(params.get("node") || "1", 10);
  const node = Number.isInteger(requested) ? Math.min(Math.max(requested, 1), ports.length) : 1;
  const name = (params.get("name") || "guest-" + Math.floor(100 + Math.random() * 900)).slice(0, 24);
  const messagesByRoom = new Map(); // room -> messages seen there, so switching rooms back keeps them
  let rooms = [];
  let room = params.get("room") || "lobby";
  let online = [];

  const socket = io("http://127.0.0.1:" + ports[node - 1], { transports: ["websocket", "polling"] });

  socket.on("connect", () => setStatus("online", "connected"));
  socket.on("disconnect", () => setStatus("offline", "disconnected"));
  socket.on("connect_error", () => setStatus("offline", "cannot reach node " + node));
  socket.on("welcome", (m) => {
    rooms = m.rooms;
    $("me").textContent = name + " on node " + m.node;
    join(rooms.includes(room) ? room : rooms[0]);
  });
  socket.on("chat", (m) => add(m.room, { kind: "chat", ...m, mine: m.from === socket.id, time: new Date() }));
  socket.on("system", (m) => add(room, { kind: "system", text: m.text, time: new Date() }));
  socket.on("presence", refreshOnline);
  renderNodes();

  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("text").value.trim();
    if (text) socket.emit("chat", { text });
    $("text").value = "";
  });

  function join(next) {
    room = next;
    socket.emit("join", { room, name });
    const url = new URL(location.href);
    url.searchParams.set("room", room);
    history.replaceState(null, "", url);
    $("room-title").textContent = "#" + room;
    $("text").placeholder = "Message #" + room;
    renderRooms();
    renderMessages();
    $("text").focus();
  }

  function refreshOnline() {
    socket.emit("who", {}, (users) => {
      online = users;
      renderOnline();
      renderRooms();
    });
  }

  function add(where, message) {
    if (!messagesByRoom.has(where)) messagesByRoom.set(where, []);
    messagesByRoom.get(where).push(message);
    if (where !== room) return;
    $("messages").appendChild(messageItem(message));
    $("messages").lastChild.scrollIntoView({ block: "end" });
  }

  function setStatus(cls, text) {
    $("status").className = "status " + cls;
    $("status").textContent = text;
  }

  // The room list is built once and then only updated, so a click never lands on a replaced button.
  function renderRooms() {
    const list = $("rooms");
    if (list.children.length !== rooms.length) {
      list.replaceChildren(...rooms.map((r) => {
        const item = el("li", "room");
        item.dataset.room = r;
        const link = el("button", "room-link", "#" + r);
        link.type = "button";
        link.dataset.room = r;
        link.addEventListener("click", () => { if (r !== room) join(r); });
        item.append(link, el("span", "count"));
        return item;
      }));
    }
    for (const item of list.children) {
      const count = online.filter((u) => u.room === item.dataset.room).length;
      item.classList.toggle("active", item.dataset.room === room);
      item.querySelector(".count").textContent = count ? String(count) : "";
    }
    const here = online.filter((u) => u.room === room).length;
    $("room-info").textContent = here === 1 ? "1 member" : here + " members";
  }

  function renderOnline() {
    $("online-count").textContent = String(online.length);
    $("online").replaceChildren(...online.map((u) => {
      const item = el("li", "user");
      item.dataset.user = u.name;
      item.dataset.node = String(u.node);
      const who = el("div", "who");
      const title = el("span", "user-title");
      title.append(el("span", "user-name", u.name));
      if (u.id === socket.id) title.append(el("span", "you", "you"));
      who.append(title, el("span", "user-room", "#" + u.room));
      item.append(avatar(u.name, u.node), who, el("span", "node-badge node-" + u.node, "node " + u.node));
      return item;
    }));
  }

  function renderNodes() {
    const nav = $("nodes");
    nav.replaceChildren(...ports.map((port, i) => {
      const url = new URL(location.href);
      url.searchParams.set("node", String(i + 1));
      url.searchParams.set("name", name);
      const link = el("a", "node-link node-" + (i + 1) + (i + 1 === node ? " current" : ""), "node " + (i + 1));
      link.href = url.toString();
      link.title = "127.0.0.1:" + port;
      return link;
    }));
  }

  function renderMessages() {
    $("messages").replaceChildren(...(messagesByRoom.get(room) || []).map(messageItem));
  }

  function messageItem(m) {
    const time = m.time.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    if (m.kind === "system") {
      const item = el("li", "system");
      item.append(el("span", "", m.text), el("time", "", time));
      return item;
    }
    const item = el("li", m.mine ? "message mine" : "message");
    const body = el("div", "bubble");
    const meta = el("div", "meta");
    meta.append(el("span", "sender", m.name), el("span", "node-badge node-" + m.node, "node " + m.node),
        el("time", "", time));
    body.append(meta, el("div", "text", m.text));
    item.append(avatar(m.name, m.node), body);
    return item;
  }

  function avatar(userName, userNode) {
    return el("span", "avatar node-" + userNode, userName.slice(0, 1).toUpperCase());
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
})();
