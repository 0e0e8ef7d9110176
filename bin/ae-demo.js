#!/usr/bin/env node
// The executable: the compiled CLI (npm install builds it), given the scenarios it plays.
import { main } from '../dist/src/cli/main.js';
import { plays } from '../dist/demo/index.js';

main(process.argv.slice(2), plays);
