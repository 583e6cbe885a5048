import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { extract, runScript, scratchDir } from './support/scripts.ts'
import { instanceOf, synthWith } from './support/synth.ts'
import { decodeUserData, fileAt } from './support/user-data.ts'

const { config } = decodeUserData(instanceOf(synthWith().tf).metadata.user_data)

// meet-watchdog as cloud-init installs it, against a stand-in docker CLI (support/fake-docker.sh)
// that holds the containers' health in a file.
function machine(containers: string, grace = '120') {
  const dir = scratchDir()
  const script = extract(config, '/usr/local/sbin/meet-watchdog', dir)
  writeFileSync(join(dir, 'containers'), containers)
  const run = () =>
    runScript(script, {
      MEET_DOCKER: join(import.meta.dirname, 'support/fake-docker.sh'),
      FAKE_DOCKER_DIR: dir,
      MEET_WATCHDOG_STATE: join(dir, 'state'),
      MEET_WATCHDOG_GRACE_SECONDS: grace,
    })
  const restarts = () => (existsSync(join(dir, 'restarts')) ? readFileSync(join(dir, 'restarts'), 'utf8').trim().split('\n') : [])
  const setHealth = (name: string, health: string) =>
    writeFileSync(join(dir, 'containers'), readFileSync(join(dir, 'containers'), 'utf8').replace(new RegExp(`^${name} \\w+$`, 'm'), `${name} ${health}`))
  return { run, restarts, setHealth }
}

describe('meet-watchdog', () => {
  test('a container unhealthy for longer than the grace period is restarted and the restart logged; healthy ones are left alone', async () => {
    const vm = machine('meet-runtime-1 unhealthy\nmeet-postgres-1 healthy\nmeet-site-1 healthy\n', '0')
    const first = await vm.run()
    expect(first.stdout).toContain('[meet-watchdog] meet-runtime-1 is unhealthy; restarting it if it still is in 0s')
    const second = await vm.run()
    expect(second.stdout).toMatch(/\[meet-watchdog\] restarting meet-runtime-1: unhealthy for \d+s, 7 failed health checks in a row/)
    expect(vm.restarts()).toEqual(['meet-runtime-1'])
    // Restarted, it is starting again: nothing more happens.
    await vm.run()
    expect(vm.restarts()).toEqual(['meet-runtime-1'])
  })

  test('within the grace period nothing is restarted; a container that recovers starts a new grace period next time', async () => {
    const vm = machine('meet-livekit-1 unhealthy\nmeet-redis-1 healthy\n', '120')
    await vm.run()
    await vm.run()
    expect(vm.restarts()).toEqual([])
    vm.setHealth('meet-livekit-1', 'healthy')
    expect((await vm.run()).stdout).toBe('')
    vm.setHealth('meet-livekit-1', 'unhealthy')
    expect((await vm.run()).stdout).toContain('meet-livekit-1 is unhealthy; restarting it if it still is in 120s')
    expect(vm.restarts()).toEqual([])
  })

  test('runs every minute from a systemd timer, enabled at first boot', () => {
    expect(fileAt(config, '/etc/systemd/system/meet-watchdog.timer').content).toMatch(/^OnUnitActiveSec=1min$/m)
    expect(fileAt(config, '/etc/systemd/system/meet-watchdog.service').content).toMatch(/^ExecStart=\/usr\/local\/sbin\/meet-watchdog$/m)
  })
})
