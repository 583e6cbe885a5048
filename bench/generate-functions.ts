import { cp, mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

// Inside the repository (so `#runtime` and h3 resolve) but outside tsc's and git's view (.scratch/).
const ROOT = '.scratch/bench'

const generated = (i: number) => `import { defineHandler } from 'h3'
import * as v from 'valibot'
import { useDb, badRequest } from '#runtime'

const id = v.pipe(v.string(), v.regex(/^\\d+$/))

export default defineHandler(async (event) => {
  const parsed = v.safeParse(id, event.context.params?.id)
  if (!parsed.success) throw badRequest('id', 'must be a number')
  const { rows } = await useDb().query('select $1::int as id, ${i} as route', [parsed.output])
  return { item: rows[0] }
})
`

/** The real functions folder plus `count` generated function files, each its own route. */
export async function functionsWithGenerated(count: number): Promise<string> {
  const dir = join(ROOT, `functions-${count}`)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  await cp('functions', dir, { recursive: true })
  for (let i = 0; i < count; i++) {
    await mkdir(join(dir, 'generated', `r${i}`), { recursive: true })
    await writeFile(join(dir, 'generated', `r${i}`, '[id].get.ts'), generated(i))
  }
  return dir
}
