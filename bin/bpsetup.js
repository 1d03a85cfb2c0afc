#!/usr/bin/env node
// The `bpsetup` command. It runs the compiled CLI (npm install and npm run build:emulator make it).
'use strict';
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'build', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  console.error('bpsetup is not built yet: run "npm run build:emulator" in the project folder.');
  process.exit(2);
}
require(entry).main(process.argv);
