import { enableCompileCache } from 'node:module'
import { holdYoungGeneration } from './young-generation.ts'

// V8 keeps the code it compiled (dependencies and our stripped TypeScript) on disk, under the
// temp dir or NODE_COMPILE_CACHE, so a restart skips most of the work of loading modules. It must
// be on before the modules are parsed, hence this entry and a dynamic import of the rest.
enableCompileCache()
holdYoungGeneration()
await import('./start.ts')
