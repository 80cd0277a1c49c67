#!/usr/bin/env node
// A stand-in for the syslog daemon (journald, rsyslog) of a Debian root filesystem, where none
// runs: listens on /dev/log, the socket logger(1) writes to, appends every message it gets to
// OUT, runs COMMAND, and once it has ended and every message sent before its end is written,
// exits with its status.
//
//   node syslog-sink.cjs OUT -- COMMAND [ARG...]
//
// logger tries a datagram socket first, then a stream one (this), writing each message as a
// line ("<13>Dec  4 23:40:37 jitsi-confkit: text"). Connections are accepted in the order they
// were made: a last connection of its own, made after the command ended, tells when every earlier
// one has been read.
'use strict';
const { spawn } = require('node:child_process');
const { appendFileSync, rmSync } = require('node:fs');
const net = require('node:net');

const [out, separator, command, ...args] = process.argv.slice(2);
if (out === undefined || separator !== '--' || command === undefined) {
  process.stderr.write('usage: node syslog-sink.cjs OUT -- COMMAND [ARG...]\n');
  process.exit(2);
}
const MARK = 'syslog-sink: end';
rmSync('/dev/log', { force: true });
let open = 0;
let done;
const server = net.createServer((socket) => {
  open++;
  const chunks = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  socket.on('close', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    if (text !== MARK && text !== '') appendFileSync(out, text.endsWith('\n') ? text : `${text}\n`);
    open--;
    if (done !== undefined && open === 0) done();
  });
});
server.listen('/dev/log', () => {
  const child = spawn(command, args, { stdio: 'inherit' });
  child.on('exit', (status, signal) => {
    done = () => {
      rmSync('/dev/log', { force: true });
      process.exit(status ?? (signal === null ? 1 : 128));
    };
    const last = net.connect('/dev/log', () => last.end(MARK));
  });
});
