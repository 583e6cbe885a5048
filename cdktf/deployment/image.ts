import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import { DataCoreImages } from '../oci/lookups.ts'
import { shapeName } from './shape.ts'

const lookups = new WeakMap<Construct, Map<string, string>>()

// The newest Canonical Ubuntu image for a shape; the regex leaves out the Minimal images (and,
// for x86 shapes, the aarch64 ones). One lookup per shape and stack.
export function ubuntuImage(scope: Construct, inputs: Inputs, shape = shapeName): string {
  const known = lookups.get(scope) ?? new Map<string, string>()
  lookups.set(scope, known)
  const found = known.get(shape)
  if (found) return found
  const version = inputs.ubuntuVersion.replace('.', '\\.')
  const arm = shape === shapeName
  const images = new DataCoreImages(scope, arm ? 'ubuntu_image' : `ubuntu_image_${shape.split('.')[2].toLowerCase()}`, {
    compartment_id: inputs.compartmentOcid,
    operating_system: 'Canonical Ubuntu',
    operating_system_version: inputs.ubuntuVersion,
    shape,
    state: 'AVAILABLE',
    sort_by: 'TIMECREATED',
    sort_order: 'DESC',
    filter: [{ name: 'display_name', values: [arm ? `^Canonical-Ubuntu-${version}-aarch64-` : `^Canonical-Ubuntu-${version}-\\d`], regex: true }],
  })
  known.set(shape, images.firstId)
  return images.firstId
}
