#!/usr/bin/env node
// The executable: everything lives in the compiled CLI (npm install builds it).
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2));
