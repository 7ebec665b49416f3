// Preloaded (`node --require`) into a CLI run of the hostile benchmark: at exit, writes the process's peak resident
// memory (KB, worker threads included) and its CPU time to fd 3, which the benchmark reads.
'use strict';
const { writeSync } = require('node:fs');
process.on('exit', () => {
  try {
    const u = process.resourceUsage();
    writeSync(3, JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }) + '\n');
  } catch {
    // fd 3 is not open: run outside the benchmark.
  }
});
