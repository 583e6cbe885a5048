import { flushCompileCache } from 'node:module'
import { resolve } from 'node:path'
import { loadRoutes } from './routing/load.ts'
import { importTasks } from './tasks/index.ts'

// `node runtime/main.ts --precompile`, run where the runtime is installed (the image build) with
// NODE_COMPILE_CACHE set: every module a start imports goes into V8's compile cache, its TypeScript
// already stripped. A first start then loads no TypeScript stripper (about 17 MiB that would stay
// resident for the life of the process), as a restart does not.
await import('./start.ts')
const functionsDir = resolve(process.env.FUNCTIONS_DIR ?? 'functions')
await Promise.all([loadRoutes(functionsDir), importTasks(functionsDir)])
flushCompileCache()
