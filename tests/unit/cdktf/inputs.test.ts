import fc from 'fast-check'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { isIpv4Cidr } from '../../../cdktf/inputs/cidr.ts'
import { InputError } from '../../../cdktf/inputs/errors.ts'
import { freeTierWarnings } from '../../../cdktf/inputs/free-tier.ts'
import { loadInputs } from '../../../cdktf/inputs/load.ts'
import { inputsWith, noConfigFile, validEnv } from './support/inputs.ts'

const failure = (load: () => unknown): InputError => {
  try {
    load()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('the inputs were accepted')
}
const messageFor = (overrides: Record<string, string | undefined>) => failure(() => inputsWith(overrides)).message
const scratch = () => mkdtempSync(join(tmpdir(), 'meet-inputs-'))

describe('deployment inputs', () => {
  test('a missing compartment OCID is named with its variable, what it is for and an example', () => {
    expect(messageFor({ OCI_COMPARTMENT_OCID: undefined })).toMatch(
      /OCI_COMPARTMENT_OCID \(config key "compartmentOcid"\) is missing: compartment that holds every resource\. Example: OCI_COMPARTMENT_OCID=ocid1\.compartment\./,
    )
  })

  test('every problem is reported at once', () => {
    const error = failure(() => inputsWith({ OCI_COMPARTMENT_OCID: undefined, ADMIN_CIDR: '10.0.0.300/8', A1_OCPUS: '0', DOMAIN: 'not a domain' }))
    expect(error.problems.map((p) => p.name).sort()).toEqual(['adminCidr', 'compartmentOcid', 'domain', 'ocpus'])
  })

  test.each([
    ['OCI_COMPARTMENT_OCID', 'ocid1.user.oc1..x', 'must be an OCID starting with ocid1.compartment. or ocid1.tenancy.'],
    ['ADMIN_CIDR', '203.0.113.7', 'must be an IPv4 CIDR such as 203.0.113.7/32'],
    ['ADMIN_CIDR', '0.0.0.0/0', 'must not be /0: SSH stays closed to the whole internet'],
    ['A1_OCPUS', '0', 'must be between 1 and 80'],
    ['A1_OCPUS', '81', 'must be between 1 and 80'],
    ['A1_OCPUS', '2.5', 'must be a whole number'],
    ['A1_MEMORY_GB', '300', 'must be between 4 and 256 GB for 4 OCPU(s)'],
    ['BOOT_VOLUME_GB', '20', 'must be between 50 and 32768'],
    ['AVAILABILITY_DOMAIN', '4', 'must be 1, 2, 3 or a name'],
    ['BUCKET_NAME', 'Recordings_2026', 'must be 3-63 lowercase letters, digits, dots or dashes'],
    ['SSH_PUBLIC_KEY', 'not-a-key', 'must be an OpenSSH public key line'],
    ['ACME_EMAIL', 'admin', 'must be an email address'],
    ['RESERVED_PUBLIC_IP', 'maybe', 'must be true or false'],
    ['IMAGE_TAG', 'latest', 'must name a release (CI tags each image with its commit), not latest'],
  ])('%s=%s is refused: %s', (name, value, reason) => {
    expect(messageFor({ [name]: value })).toContain(`${name} (config key`)
    expect(messageFor({ [name]: value })).toContain(reason)
  })

  test('defaults fit the Always Free allowance and say nothing; more than that is allowed with a warning', () => {
    const inputs = inputsWith()
    expect(inputs).toMatchObject({ ocpus: 4, memoryInGbs: 24, bootVolumeInGbs: 100, reservedPublicIp: false, bucketVersioning: false, ociProfile: 'DEFAULT' })
    expect(freeTierWarnings(inputs)).toEqual([])
    expect(freeTierWarnings(inputsWith({ A1_OCPUS: '8', A1_MEMORY_GB: '48', BOOT_VOLUME_GB: '250' }))).toHaveLength(3)
  })

  test('any valid IPv4 CIDR but /0 is accepted for SSH, and nothing else', () => {
    const octet = fc.integer({ min: 0, max: 255 })
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), fc.integer({ min: 1, max: 32 }), (ip, prefix) => {
        expect(inputsWith({ ADMIN_CIDR: `${ip.join('.')}/${prefix}` }).adminCidr).toBe(`${ip.join('.')}/${prefix}`)
      }),
      { numRuns: 50 },
    )
    fc.assert(
      fc.property(fc.string(), (text) => {
        const valid = isIpv4Cidr(text)
        const parts = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(text)
        const expected =
          !!parts &&
          parts.slice(1, 5).every((o) => String(Number(o)) === o && Number(o) <= 255) &&
          String(Number(parts[5])) === parts[5] &&
          Number(parts[5]) <= 32
        expect(valid).toBe(expected)
      }),
    )
  })

  test('a config file supplies inputs, the environment wins over it, unknown keys are refused', () => {
    const dir = scratch()
    const file = join(dir, 'config.json')
    writeFileSync(file, JSON.stringify({ ocpus: 2, memoryInGbs: 12, bucketVersioning: true, domain: 'file.example.com' }))
    const inputs = loadInputs({ ...validEnv, DOMAIN: 'env.example.com' }, file)
    expect(inputs).toMatchObject({ ocpus: 2, memoryInGbs: 12, bucketVersioning: true, domain: 'env.example.com' })
    writeFileSync(file, JSON.stringify({ cpus: 2 }))
    expect(() => loadInputs(validEnv, file)).toThrow(/unknown keys: cpus/)
    writeFileSync(file, '{ "ocpus": 2, }')
    expect(() => loadInputs(validEnv, file)).toThrow(/config\.json is not valid JSON/)
  })

  test('tenancy, user and region come from the ~/.oci/config profile when not given', () => {
    const dir = scratch()
    const ociConfig = join(dir, 'config')
    writeFileSync(
      ociConfig,
      '[DEFAULT]\nuser=ocid1.user.oc1..fromfile\ntenancy=ocid1.tenancy.oc1..fromfile\nregion=us-ashburn-1\n\n[OTHER]\nregion=ap-tokyo-1\n',
    )
    const env = { ...validEnv, OCI_CLI_CONFIG_FILE: ociConfig, OCI_TENANCY_OCID: undefined, OCI_USER_OCID: undefined, OCI_REGION: undefined }
    expect(loadInputs(env, noConfigFile)).toMatchObject({
      tenancyOcid: 'ocid1.tenancy.oc1..fromfile',
      userOcid: 'ocid1.user.oc1..fromfile',
      region: 'us-ashburn-1',
    })
    expect(
      loadInputs({ ...env, OCI_CONFIG_PROFILE: 'OTHER', OCI_TENANCY_OCID: 'ocid1.tenancy.oc1..x', OCI_USER_OCID: 'ocid1.user.oc1..x' }, noConfigFile).region,
    ).toBe('ap-tokyo-1')
  })

  test('the SSH key is read from SSH_PUBLIC_KEY_FILE when not given inline', () => {
    const dir = scratch()
    writeFileSync(join(dir, 'id.pub'), 'ssh-ed25519 AAAAfromfile me@laptop\n')
    expect(loadInputs({ ...validEnv, SSH_PUBLIC_KEY: undefined, SSH_PUBLIC_KEY_FILE: join(dir, 'id.pub') }, noConfigFile).sshPublicKey).toBe(
      'ssh-ed25519 AAAAfromfile me@laptop',
    )
    expect(messageFor({ SSH_PUBLIC_KEY: undefined })).toMatch(/SSH_PUBLIC_KEY \(config key "sshPublicKey"\) is missing/)
  })
})
