// dist/server-engine.js (loaded by dist/server.js, lsp/launch.ts): the Migration Guard language server. stdio by default; the client may also
// choose node IPC, a socket or a pipe (vscode-languageclient passes --node-ipc / --socket= / --pipe=).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { growHeapForFirstRead } from './heapGrowth';
import { startServer } from './server';

growHeapForFirstRead();

const transportChosen = process.argv.some((arg) => arg === '--node-ipc' || arg.startsWith('--socket=') || arg.startsWith('--pipe='));
const connection = transportChosen ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);

startServer({ connection });
