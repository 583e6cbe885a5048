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
- **The log line** is put together from its parts and written straight to stdout in production
  (the same JSON fields as before), not through consola's reporter pipeline; the ISO time string is
  made once per millisecond. Metric series are looked up by a string key instead of prom-client
  hashing a label object on every request.
- **Rate limit**: still one Lua script per request (INCR and PEXPIRE in one round trip, atomic),
  so two instances on one Redis share each client's count
  (\`tests/integration/reliability/rate-limits.test.ts\` bursts two instances at once).
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
  A forced full collection after warm-up returned about 5 MiB more but left every route about 20 %
  slower per request in an interleaved comparison, so there is none. Idle
  is read 10 s after ready, once that warm-up is over.

What remains, and why:

- **\`GET /meetings/:roomName\`** is the one route where the runtime stays above the 1.4× target in
  the committed run, measured on a quiet machine (load about 1): 1.54× bare h3's CPU per request
  (160 vs 104 µs), while it is under h3+cc's (0.78×), as \`POST /token\` (1.07× bare h3, 0.92× h3+cc)
  and \`/health/live\` (0.89× h3+cc) are. The meeting read is the cheapest route that does real work,
  so the fixed per-request costs weigh most there. A profile puts most of the difference in the
  rate limit's Redis round trip (a second command beside the route's own session read: a socket
  write and a reply to parse). Counting locally and syncing later would save it, but then two
  instances would no longer give each client exactly its quota
  (\`tests/integration/reliability/rate-limits.test.ts\`); folding the count into the session read
  would tie the rate limit to the session store. Neither was done.
- **Start-up** is measured as wall time and as the server's CPU time to ready. The linearity row
  compares the cost per file of the last step (100 → 200 files) with the first (0 → 50); in this run
  the first step came out negative (the spread between starts of the same set, about 100 ms, is
  larger than what 200 files add), so the row reads missed although 200 extra files added nothing
  measurable (0.03 ms per file over the whole range).
- **Against bare h3 on \`GET /health/live\`** the runtime cannot come near: bare h3 answers with no
  header and writes no log, so every fixed cost above is a large share of a tiny answer. h3+cc is
  the fair comparison there.
- **This machine** (2 vCPUs) was quiet for this run (load average about 1 at the start, about 3
  at the end with the benchmark's own load generator, server and services). Rounds are still
  interleaved so every app sees the same disturbance, the tables give min–max, and the CPU-per-request
  ratios measured in the same run are the comparison to read.`
