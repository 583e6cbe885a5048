import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'

const run = promisify(execFile)
const module = resolve('runtime/logger/line-output.ts')

// Log lines are written once per event-loop turn: a process that ends right after logging must still write them all, in order.
async function linesOf(script: string) {
  const child = await run(process.execPath, ['--input-type=module', '-e', `import { writeStdoutLine } from ${JSON.stringify(module)}\n${script}`]).catch(
    (error: { stdout: string }) => error,
  )
  return child.stdout.split('\n').filter(Boolean)
}

describe('log line output', () => {
  test('lines queued over several turns come out in order', async () => {
    const lines = await linesOf(`for (let i = 0; i < 500; i++) { writeStdoutLine(i + '\\n'); if (i % 7 === 0) await new Promise((r) => setImmediate(r)) }`)
    expect(lines).toEqual(Array.from({ length: 500 }, (_, i) => String(i)))
  })

  test('lines queued just before process.exit are written', async () => {
    expect(await linesOf(`writeStdoutLine('a\\n'); writeStdoutLine('b\\n'); process.exit(3)`)).toEqual(['a', 'b'])
  })

  test('lines queued just before an uncaught exception are written', async () => {
    expect(await linesOf(`writeStdoutLine('last words\\n'); throw new Error('boom')`)).toEqual(['last words'])
  })
})
