// What the profiles showed and what was changed in runtime/ because of them. Prose, not numbers:
// the numbers above are this run's; this explains them.
export const FINDINGS = `## What the runtime adds, what was changed, what remains

The runtime does, on every request, what bare h3 does not do at all: a request id, eight security
headers, CORS, the cross-site check, a per-client rate limit counted in Redis (shared by every
instance), the body limit, JSON-only bodies, Prometheus series and one JSON log line. Issue 18 asks
that this cost no more than 1.4× bare h3's CPU per request on the routes that do real work, and less
than h3 doing the same work plainly (**h3+cc**, \`bench/baselines/cross-cutting.ts\`) on every route.

Changes in \`runtime/\` (issue 18):

- **One layer** (\`runtime/http/cross-cutting.ts\`): the eight h3 middleware (unread-body discard,
  request id, security headers, CORS, cross-site, rate limit, body limit, JSON bodies) are one
  middleware calling plain functions, in the same order.
- **Headers computed once**: the security headers are a frozen list built at start; each request
  copies it and appends its request id, \`Vary\` and the RateLimit headers. A JSON answer leaves as
  srvx's \`FastResponse\` carrying that list, which srvx hands to Node's \`writeHead\` as it is: no
  \`Headers\` object is built, set ten times and then copied into another by h3. Errors, preflights
  and a function's own \`Response\` take h3's path with the same list; a function's own headers
  (cookies, its own Cache-Control) still win.
- **The log line** is put together from its parts in production (the same JSON fields as before),
  not through consola's reporter pipeline; the ISO time string is made once per millisecond. Log
  lines leave in one write per event-loop turn (\`runtime/logger/line-output.ts\`), not one system
  call each; what is queued at exit is still written. Metric series are looked up by a string key instead of prom-client
  hashing a label object on every request.
- **Rate limit**: counted in Redis on every request, so two instances on one Redis share each
  client's count (\`tests/integration/reliability/rate-limits.test.ts\` bursts two instances at once).
  The hits of all requests that arrive in one event-loop turn go to Redis as one Lua script call
  (INCR and PEXPIRE per key, atomic, in order; \`runtime/rate-limit/redis-counter.ts\`): under load
  one write and one reply carry several requests' counts. The same script also reads the session
  the request's cookie names (\`sessionReadAlong\` in \`runtime/session/current.ts\`), so a request
  that reads its session makes no Redis call of its own: one batched Redis command per request where
  bare h3 makes one GET each (\`tests/integration/runtime/session-read-along.test.ts\` watches the
  commands with MONITOR). Counted with strace over 5000 \`GET /meetings/:roomName\` requests, the
  runtime now makes 5.3 system calls per request, bare h3 5.7.
- **Start-up**: function modules are imported on first use outside development and warmed one by
  one once the API listens, so start-up reads the functions folder and builds the route table only;
  a file that fails to import is logged by name and its route answers 500
  (\`tests/integration/runtime/lazy-routes.test.ts\`). Development still imports every file before
  it swaps a reload in.
- **Idle memory**: the AWS S3 SDK (about 30 MiB) is loaded on first use (a recording started,
  downloaded or deleted, a metrics scrape, a backup); the start-up and health checks of the bucket
  sign their own HeadBucket (\`runtime/storage/head-bucket.ts\`) and send it with node:http, not
  fetch, whose client instantiates undici's WebAssembly HTTP parser (about 10 MiB resident). Every
  launcher sets \`NODE_COMPILE_CACHE\` and the image fills the cache when it is built
  (\`node runtime/main.ts --precompile\`), so no start parses TypeScript: Node's type stripper is
  WebAssembly too and stays resident once loaded (about 17 MiB); \`MALLOC_ARENA_MAX=2\` holds glibc
  to two malloc arenas instead of one per thread. V8's young generation is held at its initial size
  while starting and given back its growth once the runtime serves (\`runtime/young-generation.ts\`):
  start-up's allocation burst otherwise leaves two 16 MiB semi-spaces committed on an idle server.
  Once serving, the first growth under load goes to full size (growth factor 16): with V8's default
  of 2 the young generation stayed at half bare h3's for minutes of load, with 1.6 times the
  scavenges per request (\`--trace-gc\` over the same \`GET /meetings/:roomName\` load); idle RSS is
  the same.
  A forced full collection after warm-up returned about 5 MiB more but left every route about 20 %
  slower per request in an interleaved comparison, so there is none. Idle
  is read 10 s after ready, once that warm-up is over.

What remains, and why:

- **\`GET /meetings/:roomName\`** stays above the 1.4× target: 1.62× bare h3's CPU per request in
  this run (149 vs 92 µs; per round 1.48, 1.66 and 1.42), 0.91× h3+cc's. The meeting read is the
  cheapest route that does real work, so the fixed per-request costs weigh most there. What is left
  is JavaScript, not system calls (the strace count above): the rate limit's script call, the
  session read through unstorage, prom-client validating and hashing its labels on every
  observation, the log line, and pg building its row parser per query, which costs the runtime more
  than bare h3 because the runtime sends many different queries and bare h3 one. Counting the rate
  limit locally would break the exact shared quota (\`tests/integration/reliability/rate-limits.test.ts\`);
  none of the rest is worth more than a few µs alone.
- **\`POST /token\` against h3+cc** reads 1.14× in this run and 0.92× in the run before, with the
  same code on that route except the two batching changes above. Measured directly, four
  interleaved rounds each, the runtime before and after those changes used 988 and 968 µs per
  token: the difference between the two runs is this machine, whose CPU time per request drifts by
  up to a quarter between rounds of the same server (bare h3: 906 to 1194 µs here).
- **Start-up** is measured as wall time and as the server's CPU time to ready. The linearity row
  compares the cost per file of the last step (100 → 200 files) with the first (0 → 50); the spread
  between starts of the same set (tens of ms) is larger than what 200 files add, so that row can
  read missed in a run where a step comes out negative although 200 extra files add nothing
  measurable (0.02 ms per file over the whole range in this run).
- **Against bare h3 on \`GET /health/live\`** the runtime cannot come near: bare h3 answers with no
  header and writes no log, so every fixed cost above is a large share of a tiny answer. h3+cc is
  the fair comparison there.
- **This machine** (2 vCPUs) ran nothing else during this run (load average 0.8 at the start; about
  3.5 during and at the end, which is the benchmark's own load generator, server and services). Rounds are still
  interleaved so every app sees the same disturbance, the tables give min–max, and the CPU-per-request
  ratios measured in the same run are the comparison to read.`
