// A build of the site with source maps, into a directory of its own, for scripts/measure-page-weight.ts
// to list the source modules in each chunk of the room page's first load:
//   node scripts/page-weight/mapped-build.ts <outDir> [--without <feature>]
// With --without, the feature's own modules are built as if they imported nothing from their SDKs:
// what the first load then loses is SDK code bundled only for that feature (to the bundler a package
// such as livekit-client is one module, so what a lazily loaded feature uses of it sits in the chunk
// everything shares).
import { parseArgs } from 'node:util'
import { build } from 'astro'
import { features, type Feature, type FeatureName } from './features.ts'

const { positionals, values } = parseArgs({ allowPositionals: true, options: { without: { type: 'string' } } })
const outDir = positionals[0]
if (!outDir) throw new Error('usage: mapped-build.ts <outDir> [--without encryption|background|noise]')
const without = values.without ? features[values.without as FeatureName] : undefined
if (values.without && !without) throw new Error(`no feature ${values.without}`)

/** `import { A, type B } from 'pkg'` in the feature's own modules becomes `const A = undefined` (types stay). */
const withoutSdkImports = (feature: Feature) => ({
  name: 'page-weight:without-sdk-imports',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (id.includes('/node_modules/') || !feature.sources.test(id)) return undefined
    const stubbed = code.replace(/import\s*\{([^}]*)\}\s*from\s*'([^'?]+)'/g, (whole, list: string, from: string) => {
      if (!feature.packages.includes(from)) return whole
      const names = list
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
      const types = names.filter((name) => name.startsWith('type '))
      const stubs = names.filter((name) => !name.startsWith('type ')).map((name) => `const ${name.split(/\s+as\s+/).pop()} = undefined as any`)
      return [...(types.length ? [`import { ${types.join(', ')} } from '${from}'`] : []), ...stubs].join('\n')
    })
    // Only the sizes of this build are read, not its source maps.
    return { code: stubbed, map: null }
  },
})

await build({
  root: new URL('../../site/', import.meta.url).pathname,
  outDir,
  logLevel: 'warn',
  vite: { build: { sourcemap: true }, plugins: without ? [withoutSdkImports(without)] : [] },
})
