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
- **LiveKit calls** (\`runtime/livekit/twirp-transport.ts\`): the server SDK's clients send each
  Twirp call through fetch with a new \`AbortSignal.timeout(10 s)\`. The runtime hands its clients a
  transport on node:http with one keep-alive pool instead: a call is one write and one read on a
  pooled socket, the timeout is the socket's (no answer for 10 s), and LiveKit's errors are still
  the SDK's \`ServerError\` with its Twirp code (\`tests/unit/runtime/twirp-transport.test.ts\`).
  fetch's Request, Response, web streams and timeout signals were about a third of the runtime's
  CPU on \`POST /token\`: interleaved on this machine, 679 → 427 µs per request by the medians of six
  rounds. The baselines keep the SDK's fetch, since they are the same work written plainly, so on
  \`POST /token\` the runtime's lead over h3 and h3+cc comes from this transport and not from cheaper
  cross-cutting work; the two routes that do not call LiveKit show the cross-cutting cost alone.
  Before this change the runtime read 1.05× h3+cc's CPU on \`POST /token\`. A LiveKit Cloud host
  keeps the SDK's transport, which fails over between regions.
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

- **\`GET /meetings/:roomName\`** meets the 1.4× target: 1.24× bare h3's CPU per request by the
  medians in this run, though round by round it ran from 0.8 to 1.88 (the run before the session
  was read along gave 1.62×). The meeting read is the cheapest route that does real work, so the fixed
  per-request costs weigh most there. What is left is JavaScript and garbage: profiled side by side,
  the runtime allocates about 50 KiB per request where bare h3 allocates 27 KiB (fourteen response
  headers formatted by Node, the request id, the log line, the metric series, the batched script
  call), and its V8 helper threads spend about twice bare h3's time on scavenges. pg also builds its
  row parser per query, which costs the runtime more than bare h3 because the runtime sends many
  different queries and bare h3 one. Counting the rate limit locally would break the exact shared
  quota (\`tests/integration/reliability/rate-limits.test.ts\`).
- **Start-up** is measured as wall time and as the server's CPU time to ready. The linearity row
  compares the cost per file of the last step (100 → 200 files) with the first (0 → 50), give or
  take 0.5 ms per file: the spread between starts of the same set (tens of ms) is larger than what
  50 files add, and a first step that comes out negative counts as zero.
- **Against bare h3 on \`GET /health/live\`** the runtime cannot come near: bare h3 answers with no
  header and writes no log, so every fixed cost above is a large share of a tiny answer. h3+cc is
  the fair comparison there.
- **This machine** (2 vCPUs) ran nothing else during this run (the load average of about 3.5 is the
  benchmark's own load generator, server and services). The CPU time per request of one server
  still moves by up to a third between rounds here, so the targets table gives the round-by-round
  ratios beside the ratio of the medians, which decides.`
