#!/usr/bin/env node
// The `safehold` command: runs the CLI that `npm run build` puts in out/main/cli.js.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write(
    'safehold: the command is not built yet; run "npm run build" in the Safehold folder first.\n',
  )
  process.exit(1)
}
require(cli)
