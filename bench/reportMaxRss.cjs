// Preloaded (`node --require`) into every measured child process: at exit, it writes the process's peak resident
// set size (getrusage ru_maxrss, in kB) and its CPU time (user + system, µs, all threads) to the file the parent
// named. Plain CommonJS so that nothing (no TS
// loader) is added to the memory being measured.
'use strict';
const { writeFileSync } = require('node:fs');

const target = process.env.FACETWISE_BENCH_RSS_FILE;
if (target) {
  // Only this process reports; its own children must not overwrite the figure.
  delete process.env.FACETWISE_BENCH_RSS_FILE;
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage();
      writeFileSync(target, `${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}`);
    } catch {
      // The parent then falls back to what it polled from /proc.
    }
  });
}
