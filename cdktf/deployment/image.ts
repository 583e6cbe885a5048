import type { Construct } from 'constructs'
import type { Inputs } from '../inputs/schema.ts'
import { DataCoreImages } from '../oci/lookups.ts'
import { shapeName } from './shape.ts'

// The newest Canonical Ubuntu image for the A1 shape; the regex leaves out the Minimal images.
export function ubuntuImage(scope: Construct, inputs: Inputs): string {
  const version = inputs.ubuntuVersion
  const images = new DataCoreImages(scope, 'ubuntu_image', {
    compartment_id: inputs.compartmentOcid,
    operating_system: 'Canonical Ubuntu',
    operating_system_version: version,
    shape: shapeName,
    state: 'AVAILABLE',
    sort_by: 'TIMECREATED',
    sort_order: 'DESC',
    filter: [{ name: 'display_name', values: [`^Canonical-Ubuntu-${version.replace('.', '\\.')}-aarch64-`], regex: true }],
  })
  return images.firstId
}
