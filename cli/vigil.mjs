#!/usr/bin/env node
// The `vigil` command. Plain JavaScript so that an old Node can at least say what it needs:
// the TypeScript sources run directly on Node >= 22.18 (type stripping). Through npm
// (`npx vigil`, `npm start`) the project's own Node 24 from node_modules/.bin is used.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `vigil: Node ${process.versions.node} is too old; Vigil needs Node >= 22.18.\n` +
      `Run it through npm so the project's Node 24 is used: npx vigil …, or npm start.\n`,
  );
  process.exit(2);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
