// A minimal .vsix writer (a zip with the VSIX manifest), for the throwaway extension the smoke test installs.
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

interface Manifest { publisher: string; name: string; version: string; displayName?: string }

/** Writes a .vsix holding `extensionFiles` (paths relative to the extension root; package.json required). */
export function writeVsix(outPath: string, extensionFiles: Record<string, string>): void {
  const packageJson = extensionFiles['package.json'];
  if (packageJson === undefined) throw new Error('a .vsix needs extension/package.json');
  const manifest = JSON.parse(packageJson) as Manifest;
  const files: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension=".json" ContentType="application/json"/><Default Extension=".js" ContentType="application/javascript"/><Default Extension=".vsixmanifest" ContentType="text/xml"/></Types>',
    'extension.vsixmanifest': `<?xml version="1.0" encoding="utf-8"?><PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011"><Metadata><Identity Language="en-US" Id="${manifest.name}" Version="${manifest.version}" Publisher="${manifest.publisher}"/><DisplayName>${manifest.displayName ?? manifest.name}</DisplayName></Metadata><Installation><InstallationTarget Id="Microsoft.VisualStudio.Code"/></Installation><Dependencies/><Assets><Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true"/></Assets></PackageManifest>`,
  };
  for (const [path, text] of Object.entries(extensionFiles)) files[`extension/${path}`] = text;
  writeFileSync(outPath, zip(files));
}

/** A throwaway extension with one palette command that shows a notification; proves install + activation + palette. */
export function writeSmokeVsix(outPath: string, message: string): void {
  writeVsix(outPath, {
    'package.json': JSON.stringify({
      name: 'e2e-smoke', displayName: 'E2E Smoke', publisher: 'mg-e2e', version: '0.0.1',
      engines: { vscode: '^1.90.0' }, main: './extension.js', activationEvents: [],
      contributes: { commands: [{ command: 'e2eSmoke.hello', title: 'Say Hello', category: 'E2E Smoke' }] },
    }),
    'extension.js': `const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('e2eSmoke.hello', () => vscode.window.showInformationMessage(${JSON.stringify(message)})));
};
`,
  });
}
