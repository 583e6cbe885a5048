import { readdir } from 'node:fs/promises'
import { flushCompileCache } from 'node:module'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadRoutes } from './routing/load.ts'

// `node runtime/main.ts --precompile`, run where the runtime is installed (the image build) with
// NODE_COMPILE_CACHE set: every module a start imports goes into V8's compile cache, its TypeScript
// already stripped. A first start then loads no TypeScript stripper (about 17 MiB that would stay
// resident for the life of the process), as a restart does not.
await import('./start.ts')
const functionsDir = resolve(process.env.FUNCTIONS_DIR ?? 'functions')
await loadRoutes(functionsDir)
const tasksDir = join(functionsDir, '_tasks')
for (const file of await readdir(tasksDir).catch(() => [])) if (file.endsWith('.ts')) await import(pathToFileURL(join(tasksDir, file)).href)
flushCompileCache()
