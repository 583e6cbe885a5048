import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, test } from 'vitest'
import { renderLocalLivekitConfig } from '../../../native/launch/livekit-config.ts'
import { readCompose, readRepoFile, repoRoot } from './support/stack-files.ts'

// Ended meetings stay ended only if no join creates a room: every way LiveKit is started says so.
describe('LiveKit creates no room on a join', () => {
  test('livekit.yaml, which compose.yaml mounts', () => {
    expect(parse(readRepoFile('livekit.yaml')).room).toMatchObject({ auto_create: false })
    expect(readCompose().services.livekit.volumes).toContain('./livekit.yaml:/etc/livekit.yaml:ro')
  })

  test('the config npm start writes from it', () => {
    expect(parse(renderLocalLivekitConfig(join(repoRoot, 'livekit.yaml'), 'http://127.0.0.1:3001')).room).toMatchObject({ auto_create: false })
  })
})
