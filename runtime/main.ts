import { enableCompileCache } from 'node:module'
import { holdYoungGeneration } from './young-generation.ts'

// V8 keeps the code it compiled (dependencies and our stripped TypeScript) on disk, under the
// temp dir or NODE_COMPILE_CACHE, so a restart skips most of the work of loading modules. It must
// be on before the modules are parsed, hence this entry and dynamic imports of the rest. Launchers
// set NODE_COMPILE_CACHE so that this file, too, comes from the cache (see precompile.ts).
enableCompileCache()
if (process.argv[2] === '--precompile') {
  await import('./precompile.ts')
} else {
  holdYoungGeneration()
  const { start } = await import('./start.ts')
  await start()
}
