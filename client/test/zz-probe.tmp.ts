import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestClient, uriOf } from '/work/main/server/test/lsp/harness';
import { ProjectsRequest, RevisionGraphRequest, PendingChangesRequest } from '/work/main/server/src/protocol';

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-probe-'));
  cpSync('/work/main/test-fixtures/classic', dir, { recursive: true });
  const client = await TestClient.start({ workspaceFolders: [dir] });
  const projects = await client.connection.sendRequest(ProjectsRequest.method, undefined);
  console.log(JSON.stringify(projects, null, 1).slice(0, 800));
  const root = (projects as { root: string }[])[0]?.root;
  const graph = await client.connection.sendRequest(RevisionGraphRequest.method, { project: root });
  console.log(JSON.stringify(graph, null, 1).slice(0, 1500));
  const pending = await client.connection.sendRequest(PendingChangesRequest.method, { project: root });
  console.log(JSON.stringify(pending, null, 1).slice(0, 800));
  console.log(client.stderr.slice(0, 500), client.logs.join('\n').slice(0, 800));
  process.exit(0);
}
void main();
