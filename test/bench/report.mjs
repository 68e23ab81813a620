// The table printed at the end of a run and the ratios the targets are stated in.

/** Ratios of requests/s at concurrency 32 (the load the targets name). */
export function ratios(results) {
  const rps = (name) => results.find((r) => r.scenario === name && r.connections === 32)?.requestsPerSecond;
  const ratio = (a, b) => (rps(a) && rps(b) ? rps(a) / rps(b) : null);
  return {
    'S0/B0': ratio('S0', 'B0'),
    'S1/S0': ratio('S1', 'S0'),
    'S0p/S0': ratio('S0p', 'S0'),
    'S1/S0p': ratio('S1', 'S0p'),
    'S1/B2': ratio('S1', 'B2'),
    'S1/B1': ratio('S1', 'B1'),
    'S1c/S0': ratio('S1c', 'S0'),
  };
}

export function printTable(report) {
  const lines = [
    `${report.options.agreements} agreements × ${report.options.versions} versions, ${report.options.duration} s per run, ${report.machine.cpus} cores, load ${report.machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`,
    '',
    '| what | c | req/s | p50 ms | p99 ms | errors |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of report.results) {
    lines.push(
      `| ${r.scenario}: ${r.what} | ${r.connections} | ${Math.round(r.requestsPerSecond).toLocaleString('en')} | ${r.p50} | ${r.p99} | ${r.errors} |`,
    );
  }
  if (report.import) {
    lines.push(
      `| S5: cli import of ${report.import.documents} files | 1 | ${Math.round(report.import.documentsPerSecond).toLocaleString('en')} documents/s | | | 0 |`,
    );
  }
  lines.push('');
  for (const [name, value] of Object.entries(report.ratios)) lines.push(`${name} = ${value === null ? '–' : value.toFixed(2)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
