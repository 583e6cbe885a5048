import { loadInputs } from '../../../../cdktf/inputs/load.ts'
import type { Inputs } from '../../../../cdktf/inputs/schema.ts'

// A complete set of inputs as an administrator would export them; no file on this machine is read.
export const validEnv: Record<string, string> = {
  OCI_COMPARTMENT_OCID: 'ocid1.compartment.oc1..aaaacompartment',
  OCI_TENANCY_OCID: 'ocid1.tenancy.oc1..aaaatenancy',
  OCI_USER_OCID: 'ocid1.user.oc1..aaaauser',
  OCI_REGION: 'eu-frankfurt-1',
  DOMAIN: 'meet.example.com',
  ACME_EMAIL: 'admin@example.com',
  SSH_PUBLIC_KEY: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey admin@laptop',
  ADMIN_CIDR: '203.0.113.7/32',
  IMAGE_TAG: '3f2c9d1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
  OCI_CLI_CONFIG_FILE: '/nonexistent/oci-config',
  SSH_PUBLIC_KEY_FILE: '/nonexistent/id.pub',
}

export const noConfigFile = '/nonexistent/config.json'

export function inputsWith(overrides: Record<string, string | undefined> = {}): Inputs {
  return loadInputs({ ...validEnv, ...overrides }, noConfigFile)
}
