export interface GridLayout {
  cols: number
  tileWidth: number
  tileHeight: number
}

/** The column count that gives `count` tiles of one aspect ratio the largest size inside width × height. */
export function bestLayout(count: number, width: number, height: number, gap: number, aspect = 16 / 9): GridLayout {
  let best: GridLayout = { cols: 1, tileWidth: 0, tileHeight: 0 }
  for (let cols = 1; cols <= Math.max(1, count); cols++) {
    const rows = Math.ceil(count / cols)
    const tileWidth = Math.min((width - gap * (cols - 1)) / cols, ((height - gap * (rows - 1)) / rows) * aspect)
    if (tileWidth > best.tileWidth) best = { cols, tileWidth, tileHeight: tileWidth / aspect }
  }
  const tileWidth = Math.floor(best.tileWidth)
  return { cols: best.cols, tileWidth, tileHeight: Math.floor(tileWidth / aspect) }
}
