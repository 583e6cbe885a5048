import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// Start-up allocates in one burst (parsing and linking every module, then warming the functions).
// Left alone, V8 keeps what that burst committed on a server that then sits idle: the young
// generation grown to its maximum (two 16 MiB semi-spaces) and an old generation full of start-up
// garbage that no allocation will ever prompt it to collect. Growth is held off while starting;
// once the runtime serves, one full collection gives the garbage back and growth is allowed again,
// so that under load the young generation still grows as usual. The semi-space growth factor is
// read at each collection, so changing it at run time is safe.

/** From the first line of main.ts until the runtime serves. */
export const holdYoungGeneration = () => setFlagsFromString('--semi-space-growth-factor=1')

/** Once start-up (warm-up included) is done: one full collection, then V8's default growth. */
export function releaseStartUpMemory(): void {
  // `gc` exists only in a context made after --expose-gc; the runtime's own global never gets it.
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
  setFlagsFromString('--semi-space-growth-factor=2')
}
