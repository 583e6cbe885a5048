import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { routeFromFile, buildRouteTable, RouteConflictError, HTTP_METHODS } from '../../../runtime/routing/routes.ts'

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/).filter((w) => !(HTTP_METHODS as readonly string[]).includes(w))
const param = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,7}$/)
const segment = fc.oneof(
  word.map((w) => ({ file: w, route: w })),
  param.map((p) => ({ file: `[${p}]`, route: `:${p}` })),
)
const method = fc.option(fc.constantFrom(...HTTP_METHODS), { nil: undefined })
const ending = fc.oneof(
  fc.constant({ file: 'index', route: undefined as string | undefined }),
  segment,
  param.map((p) => ({ file: `[...${p}]`, route: `**:${p}` })),
)

describe('file name → route', () => {
  test('any Nitro-style path maps to its route and method', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 4 }), ending, method, fc.constantFrom('ts', 'mts', 'js', 'mjs'), (dirs, last, m, ext) => {
        const file = [...dirs.map((d) => d.file), `${last.file}${m ? `.${m}` : ''}.${ext}`].join('/')
        const route = '/' + [...dirs.map((d) => d.route), ...(last.route ? [last.route] : [])].join('/')
        expect(routeFromFile(file)).toEqual(m ? { route, method: m.toUpperCase() } : { route })
      }),
    )
  })

  test('files or folders starting with _ are ignored, at any depth', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 3 }), fc.nat({ max: 3 }), word, (dirs, at, name) => {
        const parts = [...dirs, `${name}.get.ts`]
        const i = Math.min(at, parts.length - 1)
        parts[i] = `_${parts[i]}`
        expect(routeFromFile(parts.join('/'))).toBeUndefined()
      }),
    )
  })

  test.each([
    ['index.get.ts', { route: '/', method: 'GET' }],
    ['health/index.get.ts', { route: '/health', method: 'GET' }],
    ['recordings/[id].get.ts', { route: '/recordings/:id', method: 'GET' }],
    ['[...path].ts', { route: '/**:path' }],
    ['meetings/[roomName]/end.post.ts', { route: '/meetings/:roomName/end', method: 'POST' }],
  ])('%s', (file, expected) => expect(routeFromFile(file)).toEqual(expected))

  test.each(['notes.md', 'types.d.ts', 'token.test.ts', '_utils.ts', 'lib/_shared/db.ts'])('%s is not a route', (file) => {
    expect(routeFromFile(file)).toBeUndefined()
  })
})

describe('route table', () => {
  test('two files with the same route and method fail with both paths named', () => {
    expect(() => buildRouteTable(['recordings/[id].get.ts', 'recordings/[name].get.ts'])).toThrowError(
      new RouteConflictError('/recordings/:name', 'GET', ['recordings/[id].get.ts', 'recordings/[name].get.ts']),
    )
    expect(() => buildRouteTable(['hello.ts', 'hello/index.ts'])).toThrow(/hello\.ts and hello\/index\.ts/)
  })

  test('same route with different methods is no conflict', () => {
    expect(buildRouteTable(['token.get.ts', 'token.post.ts', 'token.ts'])).toHaveLength(3)
  })
})
