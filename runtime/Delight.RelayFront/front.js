'use strict';
// The thin front of the test relay (PROTOCOL.md §1, §2, §7). It terminates Socket.IO (the real npm socket.io 4.8
// server) and HTTP, and hands every connection, event, ack and HTTP request to the .NET relay runtime over one
// loopback TCP connection carrying newline-delimited JSON. It holds no relay state of its own, so the relay logic
// exists once, in .NET, and is the same code the simulation drives.
//
// Usage: node front.js --bridge-port N [--port P] [--host 127.0.0.1]
// Prints one line {"listening":<port>} on stdout once HTTP and Socket.IO accept connections.
// Exits when the bridge connection closes or stdin ends, so it never outlives the test host that started it.

const http = require('http');
const net = require('net');
const { Server } = require('socket.io');

function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const host = argValue('--host', '127.0.0.1');
const port = Number(argValue('--port', '0'));
const bridgePort = Number(argValue('--bridge-port', ''));
const httpTimeoutMs = Number(argValue('--http-timeout-ms', '30000'));
if (!Number.isInteger(bridgePort) || bridgePort <= 0) {
  process.stderr.write('front: --bridge-port is required\n');
  process.exit(2);
}

// ---- bridge to .NET ---------------------------------------------------------------------------------------
const bridge = net.createConnection({ host: '127.0.0.1', port: bridgePort });
bridge.setNoDelay(true);
bridge.setEncoding('utf8');
let bridgeBuffer = '';

function send(message) {
  bridge.write(JSON.stringify(message) + '\n');
}

bridge.on('data', (chunk) => {
  bridgeBuffer += chunk;
  let newline;
  while ((newline = bridgeBuffer.indexOf('\n')) >= 0) {
    const line = bridgeBuffer.slice(0, newline);
    bridgeBuffer = bridgeBuffer.slice(newline + 1);
    if (line.trim().length === 0) continue;
    let message;
    try {
      message = JSON.parse(line);
    } catch (e) {
      process.stderr.write(`front: bad bridge line skipped: ${e.message}\n`);
      continue;
    }
    try {
      onBridgeMessage(message);
    } catch (e) {
      process.stderr.write(`front: bridge message '${message.k}' failed: ${e.message}\n`);
    }
  }
});
bridge.on('error', (e) => {
  process.stderr.write(`front: bridge error: ${e.message}\n`);
  process.exit(1);
});
bridge.on('close', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();

// ---- sockets ----------------------------------------------------------------------------------------------
const sockets = new Map(); // sid -> socket, once connected
const pendingHandshakes = new Map(); // sid -> { socket, next, queued: [] }
const clientAcks = new Map(); // ackId -> ack function of a client event
let nextAckId = 1;

function deliver(sid, message) {
  const socket = sockets.get(sid);
  if (socket) {
    apply(socket, message);
    return;
  }
  const pending = pendingHandshakes.get(sid);
  if (pending) pending.queued.push(message); // the relay may emit while still deciding on the handshake
}

function apply(socket, message) {
  switch (message.k) {
    case 'emit':
      socket.emit(message.name, message.data);
      break;
    case 'emit-ack': {
      const timeoutMs = Number(message.timeoutMs) > 0 ? Number(message.timeoutMs) : 30000;
      socket.timeout(timeoutMs).emit(message.name, message.data, (err, response) => {
        if (err) send({ k: 'emit-ack-result', id: message.id, ok: false, error: err.message || 'operation has timed out' });
        else send({ k: 'emit-ack-result', id: message.id, ok: true, data: response === undefined ? null : response });
      });
      break;
    }
    case 'disconnect':
      socket.disconnect(true);
      break;
    default:
      process.stderr.write(`front: unknown socket command '${message.k}' skipped\n`);
  }
}

function onBridgeMessage(message) {
  switch (message.k) {
    case 'accept': {
      const pending = pendingHandshakes.get(message.sid);
      if (pending) pending.next();
      break;
    }
    case 'reject': {
      const pending = pendingHandshakes.get(message.sid);
      if (pending) {
        pendingHandshakes.delete(message.sid);
        const err = new Error(message.message || 'unauthorized');
        err.data = { message: message.message || 'unauthorized' };
        pending.next(err);
      }
      break;
    }
    case 'ack': {
      const ack = clientAcks.get(message.ackId);
      if (ack) {
        clientAcks.delete(message.ackId);
        ack(message.data);
      }
      break;
    }
    case 'emit':
    case 'emit-ack':
    case 'disconnect':
      deliver(message.sid, message);
      break;
    case 'http-response':
      onHttpResponse(message);
      break;
    default:
      process.stderr.write(`front: unknown bridge message '${message.k}' skipped\n`);
  }
}

// ---- HTTP -------------------------------------------------------------------------------------------------
const pendingHttp = new Map(); // id -> { res, timer }
let nextHttpId = 1;

function onHttpResponse(message) {
  const pending = pendingHttp.get(message.id);
  if (!pending) return;
  pendingHttp.delete(message.id);
  clearTimeout(pending.timer);
  const body = message.body == null ? '' : String(message.body);
  pending.res.writeHead(message.status || 500, {
    'Content-Type': message.contentType || 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Access-Control-Allow-Origin': '*',
  });
  pending.res.end(body);
}

const httpServer = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const id = nextHttpId++;
    const url = new URL(req.url, 'http://relay');
    const timer = setTimeout(() => {
      if (!pendingHttp.delete(id)) return;
      res.writeHead(504, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'relay runtime did not answer' }));
    }, httpTimeoutMs);
    pendingHttp.set(id, { res, timer });
    send({
      k: 'http',
      id,
      method: req.method,
      path: url.pathname,
      query: url.search.length > 0 ? url.search.slice(1) : '',
      authorization: req.headers['authorization'] || null,
      body: Buffer.concat(chunks).toString('utf8'),
    });
  });
});

// PROTOCOL.md §1.1: path /v1/updates, ping 5 s / timeout 15 s, CORS *, default namespace only.
const io = new Server(httpServer, {
  path: '/v1/updates',
  pingInterval: Number(argValue('--ping-interval-ms', '5000')),
  pingTimeout: Number(argValue('--ping-timeout-ms', '15000')),
  cors: { origin: '*', credentials: false },
  serveClient: false,
});

io.use((socket, next) => {
  // The .NET relay sees the CONNECT auth object first; it accepts (the Delight way: it then reports auth failures
  // with an `error` event and a disconnect) or rejects (a standard connect_error).
  pendingHandshakes.set(socket.id, { socket, next, queued: [] });
  socket.conn.once('close', (reason) => {
    // The client went away before the relay answered its handshake.
    if (pendingHandshakes.delete(socket.id)) send({ k: 'disconnect', sid: socket.id, reason: String(reason) });
  });
  send({ k: 'connect', sid: socket.id, auth: socket.handshake.auth === undefined ? null : socket.handshake.auth });
});

io.on('connection', (socket) => {
  const pending = pendingHandshakes.get(socket.id);
  pendingHandshakes.delete(socket.id);
  sockets.set(socket.id, socket);
  send({ k: 'connected', sid: socket.id });

  socket.onAny((name, ...args) => {
    let ackId = null;
    if (args.length > 0 && typeof args[args.length - 1] === 'function') {
      ackId = nextAckId++;
      clientAcks.set(ackId, args.pop());
    }
    // Only the first argument is the payload (PROTOCOL.md §2); an absent one travels as null.
    send({ k: 'event', sid: socket.id, name, data: args.length > 0 ? args[0] : null, ackId });
  });

  socket.on('disconnect', (reason) => {
    sockets.delete(socket.id);
    send({ k: 'disconnect', sid: socket.id, reason });
  });

  if (pending) for (const queued of pending.queued) apply(socket, queued);
});

bridge.on('connect', () => {
  httpServer.listen(port, host, () => {
    process.stdout.write(JSON.stringify({ listening: httpServer.address().port }) + '\n');
  });
});
httpServer.on('error', (e) => {
  process.stderr.write(`front: http error: ${e.message}\n`);
  process.exit(1);
});
