import type { ProcessExit } from '../process.ts'
import { createBackoff } from './backoff.ts'
import type { StatusBoard } from './status-board.ts'

/** What a starter returns: enough to stop the service and to notice that it ended. */
export interface RunningService {
  stop: () => Promise<void>
  exited: Promise<ProcessExit>
}

export interface SuperviseOptions {
  /** shown on the board next to "ready" */
  detail: string
  /** how long a restarted service must stay up before the delays start from 1 s again */
  stableAfterMs?: number
  backoff?: ReturnType<typeof createBackoff>
}

const describeExit = ({ code, signal }: ProcessExit) => (signal ? `killed by ${signal}` : `exit code ${code}`)

/**
 * Keeps a started service running: when it ends without being asked to, the board says so and
 * it is started again after a delay that doubles while it keeps crashing (1 s up to 30 s).
 * `stop()` ends it for good, also during a delay or a restart.
 */
export function superviseService(name: string, first: RunningService, start: () => Promise<RunningService>, board: StatusBoard, options: SuperviseOptions) {
  const { detail, stableAfterMs = 60_000, backoff = createBackoff() } = options
  let current: RunningService | undefined = first
  let upSince = Date.now()
  let restarts = 0
  let stopping = false
  let wake: (() => void) | undefined
  let restarting: Promise<void> = Promise.resolve()

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      wake = () => (clearTimeout(timer), resolve())
    })

  const restart = async (reason: string) => {
    current = undefined
    if (Date.now() - upSince >= stableAfterMs) backoff.reset()
    const delayMs = backoff.next()
    restarts++
    board.set(name, 'crashed', `${reason}; restarting in ${delayMs / 1000} s (restart ${restarts})`)
    await sleep(delayMs)
    if (stopping) return
    board.set(name, 'restarting', `restart ${restarts}`)
    try {
      const service = await start()
      if (stopping) return void (await service.stop())
      current = service
      upSince = Date.now()
      board.set(name, 'ready', `${detail} (restarts: ${restarts})`)
      watch(service)
    } catch (error) {
      if (!stopping) restarting = restart(`start failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`)
    }
  }

  const watch = (service: RunningService) => {
    void service.exited.then((exit) => {
      if (!stopping && current === service) restarting = restart(describeExit(exit))
    })
  }
  watch(first)

  return {
    get restarts() {
      return restarts
    },
    /** No more restarts: from here on an exit is expected (Ctrl-C reaches every process). */
    halt() {
      stopping = true
      wake?.()
    },
    async stop() {
      this.halt()
      await restarting
      await current?.stop()
    },
  }
}
