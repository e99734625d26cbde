// Preloaded into a benchmarked process with `node --import <this file>`: when the process exits, it
// writes its peak resident set size in KB (`process.resourceUsage().maxRSS`, the kernel's ru_maxrss,
// which covers every thread of the process) to the file named by ATTAIN_BENCH_RSS_FILE, with the CPU
// time it used (µs, all threads): on a busy machine CPU time moves much less than wall time.
// Kept free of anything that allocates much, so it does not move the figure it measures.
import { writeFileSync } from 'node:fs';

const target = process.env.ATTAIN_BENCH_RSS_FILE;
// Grandchildren (if any) are not measured; do not let them overwrite this process's figure.
delete process.env.ATTAIN_BENCH_RSS_FILE;

if (target) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(target, `${JSON.stringify({ maxRSS, userCPUTime, systemCPUTime })}\n`);
  });
}
