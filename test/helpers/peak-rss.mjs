// Preloaded into a child process by the tests and the bench: reports its peak resident memory and
// the CPU time it used (user + system, all threads) when it exits.
process.on('exit', () => {
  const cpu = process.cpuUsage();
  process.stderr.write(`peak-rss-mb ${Math.round(process.resourceUsage().maxRSS / 1024)} cpu-ms ${Math.round((cpu.user + cpu.system) / 1000)}\n`);
});
