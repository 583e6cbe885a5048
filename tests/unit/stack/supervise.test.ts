import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { createBackoff } from '../../../native/launch/backoff.ts'
import { createStatusBoard } from '../../../native/launch/status-board.ts'
import { superviseService, type RunningService } from '../../../native/launch/supervise.ts'
import type { ProcessExit } from '../../../native/process.ts'

/** A service whose end the test decides. */
function fakeService() {
  let end!: (exit: ProcessExit) => void
  const service = {
    stopped: false,
    exited: new Promise<ProcessExit>((resolve) => (end = resolve)),
    crash: (exit: ProcessExit = { code: 1, signal: null }) => end(exit),
    stop: async () => {
      service.stopped = true
      end({ code: 0, signal: null })
    },
  }
  return service
}

function supervised({ firstMs = 10, maxMs = 40, stableAfterMs = 60_000 } = {}) {
  const lines: string[] = []
  const board = createStatusBoard(['runtime'], (text) => lines.push(text.trim()))
  const started = [fakeService()]
  const start = async (): Promise<RunningService> => {
    const next = fakeService()
    started.push(next)
    return next
  }
  const supervisor = superviseService('runtime', started[0], start, board, {
    detail: 'http://127.0.0.1:3001',
    stableAfterMs,
    backoff: createBackoff({ firstMs, maxMs }),
  })
  const until = async (pattern: RegExp) => {
    for (let i = 0; i < 200 && !lines.some((line) => pattern.test(line)); i++) await sleep(5)
    return lines.find((line) => pattern.test(line))
  }
  return { lines, started, supervisor, until }
}

describe('npm start keeps a crashed service running', () => {
  test('a crash is shown with its exit and delay, then the service is started again with the restart count', async () => {
    const { started, until } = supervised()
    started[0].crash({ code: null, signal: 'SIGKILL' })
    expect(await until(/crashed/)).toMatch(/^✘ runtime\s+crashed\s+killed by SIGKILL; restarting in 0\.01 s \(restart 1\)$/)
    expect(await until(/ready/)).toMatch(/^✔ runtime\s+ready\s+http:\/\/127\.0\.0\.1:3001 \(restarts: 1\)$/)
    expect(started).toHaveLength(2)
  })

  test('the delay doubles while it keeps crashing, up to the cap, and starts over once it stayed up', async () => {
    const { started, lines, until } = supervised({ stableAfterMs: 1_000 })
    for (let crash = 1; crash <= 4; crash++) {
      started.at(-1)!.crash()
      await until(new RegExp(`restarts: ${crash}\\)`))
    }
    expect(lines.filter((line) => line.includes('crashed')).map((line) => /in ([\d.]+) s/.exec(line)![1])).toEqual(['0.01', '0.02', '0.04', '0.04'])
    await sleep(1_100)
    started.at(-1)!.crash()
    expect(await until(/restart 5\)/)).toMatch(/restarting in 0\.01 s/)
  })

  test('stop() during the delay: nothing is started again, and the running one is stopped', async () => {
    const { started, supervisor, until } = supervised({ firstMs: 200 })
    started[0].crash()
    await until(/crashed/)
    await supervisor.stop()
    await sleep(250)
    expect(started).toHaveLength(1)

    const second = supervised()
    await second.supervisor.stop()
    expect(second.started[0].stopped).toBe(true)
    await sleep(30)
    expect(second.lines.some((line) => line.includes('crashed'))).toBe(false)
  })
})
