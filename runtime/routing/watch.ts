import { watch } from 'node:fs'

// Calls `onChange` once per burst of edits (editors write files in several steps).
export function watchFunctions(dir: string, onChange: () => void, debounceMs = 100): () => void {
  let timer: NodeJS.Timeout | undefined
  const watcher = watch(dir, { recursive: true }, () => {
    clearTimeout(timer)
    timer = setTimeout(onChange, debounceMs)
  })
  return () => {
    clearTimeout(timer)
    watcher.close()
  }
}
