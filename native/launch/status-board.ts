export type ServiceState = 'waiting' | 'starting' | 'ready' | 'failed' | 'skipped' | 'crashed' | 'restarting' | 'stopping' | 'stopped'

interface Row {
  state: ServiceState
  detail: string
}

const marks: Record<ServiceState, string> = {
  waiting: '·',
  starting: '…',
  ready: '✔',
  failed: '✘',
  skipped: '-',
  crashed: '✘',
  restarting: '↻',
  stopping: '…',
  stopped: '■',
}

/** One line per change, and the whole table when asked: what `npm start` shows. */
export function createStatusBoard(names: string[], write: (text: string) => void = (text) => process.stdout.write(text)) {
  const rows = new Map<string, Row>(names.map((name) => [name, { state: 'waiting', detail: '' }]))
  const width = Math.max(...names.map((name) => name.length))
  const line = (name: string, { state, detail }: Row) => `${marks[state]} ${name.padEnd(width)}  ${state.padEnd(10)}  ${detail}`.trimEnd()
  return {
    set(name: string, state: ServiceState, detail = '') {
      const row = { state, detail }
      rows.set(name, row)
      write(`${line(name, row)}\n`)
    },
    table(): string {
      return [...rows].map(([name, row]) => line(name, row)).join('\n')
    },
  }
}

export type StatusBoard = ReturnType<typeof createStatusBoard>
