import { setFlagsFromString } from 'node:v8'

// Start-up allocates in one burst (parsing and linking every module), which grows V8's young
// generation to its maximum (two 16 MiB semi-spaces) and leaves it committed on a server that then
// sits idle: about 25 MiB of RSS for nothing. Growth is held off while starting and given back to
// V8 once the runtime serves, so that under load the young generation still grows as usual.
// The semi-space growth factor is read at each collection, so changing it at run time is safe.

/** From the first line of main.ts until the runtime serves. */
export const holdYoungGeneration = () => setFlagsFromString('--semi-space-growth-factor=1')

/** V8's default factor. */
export const releaseYoungGeneration = () => setFlagsFromString('--semi-space-growth-factor=2')
