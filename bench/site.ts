import { readFile } from 'node:fs/promises'

interface PageWeight {
  path: string
  initialJs: { bytes: number; gzipBytes: number }
  allJs: { bytes: number; gzipBytes: number }
  css: { bytes: number; gzipBytes: number }
}

export interface SiteFigures {
  /** from scripts/measure-page-weight.ts (`npm run bench:page-weight`); undefined: not measured yet */
  pageWeight?: {
    measuredAt: string
    method: string
    pages: Record<string, PageWeight>
    livekitMeet: { source: string; firstLoadJs: { bytes: number; gzipBytes: number } } | null
    /** encryption, background, noise: loaded only when used; undefined in figures from before they were measured */
    features?: Record<
      string,
      {
        loadedWhen: string
        js: { gzipBytes: number }
        wasmAndModels: { bytes: number }
        addedToFirstLoad?: { ownModules: { bytes: number }; sdkCodeGzipBytes: number }
      }
    >
  }
  firstRender?: import('./first-render.ts').FirstRender
}

const PAGE_WEIGHT_FILE = 'bench/results/page-weight.json'

/** The page-weight figures another script writes; the benchmark reports them beside its own. */
export async function readPageWeight(): Promise<SiteFigures['pageWeight']> {
  return readFile(PAGE_WEIGHT_FILE, 'utf8').then(JSON.parse, () => undefined)
}
