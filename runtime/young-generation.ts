import { setFlagsFromString } from 'node:v8'

// Start-up allocates in one burst (parsing and linking every module), which grows V8's young
// generation to its maximum and leaves it committed on a server that then sits idle: about 25 MiB
// of RSS for nothing. Growth is held off while starting. Once the runtime serves, growth comes back
// steeper than V8's default (factor 2): V8 grows the young generation only after as many bytes have
// survived collections as it holds, which request garbage (short-lived by nature) takes long to reach,
// so with the default a server under load ran for minutes with half the young generation bare h3
// reaches and 1.6 times the collections per request (`GET /meetings/:roomName`: 4.7 scavenges per
// thousand requests against 2.9). With 16 the first growth under load reaches full size; an idle
// server never grows it (idle RSS is the same). The factor is read at each collection, so changing
// it at run time is safe.

/** From the first line of main.ts until the runtime serves. */
export const holdYoungGeneration = () => setFlagsFromString('--semi-space-growth-factor=1')

/** From then on. */
export const releaseYoungGeneration = () => setFlagsFromString('--semi-space-growth-factor=16')
