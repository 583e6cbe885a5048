import { PROBE_CLASSES, type Figure } from './figures.ts'

export type RecordedFigure = Figure & { id: string; at: string }

const AREAS: Figure['area'][] = ['Load', 'Faults', 'Hostile input', 'Access', 'Probed from outside']
const cell = (text: string | number) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ')

const probes = (figures: RecordedFigure[]) =>
  figures.filter((f) => f.probe).sort((a, b) => PROBE_CLASSES.indexOf(a.probe!) - PROBE_CLASSES.indexOf(b.probe!) || a.id.localeCompare(b.id))

/** docs/reliability.md from the figures the reliability tests recorded. */
export function reliabilityMarkdown(figures: RecordedFigure[]): string {
  const sorted = [...figures].sort((a, b) => AREAS.indexOf(a.area) - AREAS.indexOf(b.area) || a.id.localeCompare(b.id))
  const total = (key: 'requests' | 'errors' | 'rowsLost') => sorted.reduce((n, f) => n + f[key], 0)
  const times = sorted.map((f) => f.at.slice(0, 16).replace('T', ' ')).sort()
  const measured = times[0] === times.at(-1) ? `at ${times[0]}` : `between ${times[0]} and ${times.at(-1)}`
  return `# Reliability and security

What the tests in \`tests/integration/reliability/\` prove, with the figures of one real run. They run in
the test command (\`npm test\`), on loopback against real PostgreSQL, Redis, MiniStack and LiveKit, each
bounded in requests and time. Each scenario writes its figures to \`test-results/reliability/<id>.json\`,
the end of the run merges them into \`test-results/reliability.json\`, and \`npm run docs:reliability\`
renders this page from that file (a run of some test files refreshes only their rows).

**Errors** counts answers that broke the promise of the scenario (a 5xx where none was allowed, a lost
connection, a refusal without a clean JSON error, a secret found, an advisory). **Rows lost** counts
acknowledged writes missing afterwards, plus half-written ones (a meeting without its audit row, a
participant without its event).

Measured ${measured} UTC: ${total('requests')} requests, ${total('errors')} errors, ${total('rowsLost')} rows lost.

| area | scenario | what was checked | requests | errors | rows lost | figures |
| --- | --- | --- | ---: | ---: | ---: | --- |
${sorted
  .filter((f) => !f.probe)
  .map((f) => `| ${f.area} | ${cell(f.scenario)} | ${cell(f.checked)} | ${f.requests} | ${f.errors} | ${f.rowsLost} | ${cell(f.notes ?? '')} |`)
  .join('\n')}

## Probed from outside

The running product attacked as an outsider would, on loopback, against the real programs (LiveKit,
Caddy, the site, the runtime in both modes). Each class lists what was tried and what held; every
scenario began as a test that failed on the code before its fix.

| class | what was tried | what held | requests | errors | figures |
| --- | --- | --- | ---: | ---: | --- |
${probes(sorted)
  .map((f) => `| ${f.probe} | ${cell(f.scenario)} | ${cell(f.checked)} | ${f.requests} | ${f.errors} | ${cell(f.notes ?? '')} |`)
  .join('\n')}

## Limits

- Requests refused by Node's HTTP parser itself (a header section over 16 kB: 431; a request line with
  bytes HTTP forbids: 400) get a status without a JSON body: they never reach the API.
- While Redis is down, a visitor presenting a session cookie gets 503 and keeps the cookie,
  so their identity and host role are back with Redis; a new visitor gets a session in the instance's
  memory, gone once Redis is back. The live participant list is in Redis too: people who joined during
  the outage are in PostgreSQL (stats, and \`past\` once they leave) but missing from \`live\`, and people
  who left during it stay in \`live\` until the room finishes. Data stored before the outage is kept
  (Redis writes its append-only file before acknowledging).
- On SIGTERM the server stops accepting and closes idle keep-alive connections: a request a client
  writes onto such a connection at that instant is never read, so it fails with a connection error and
  stores nothing (the figures count these as "closed unread"); the client or proxy retries it.
- \`npm audit\` needs the public registry's audit endpoint, which the test machines cannot reach (it
  answers 405), so it is not part of \`npm test\`: \`npm run audit:prod\` fails on a high or critical
  advisory in production dependencies and runs as a step of the GitHub Actions test job, beside
  \`npm run deps:check\` (production dependencies behind the latest patch of their version line).
`
}
