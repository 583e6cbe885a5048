import type { Construct } from 'constructs'
import { OciDataSource, type DataSourceFilter } from './element.ts'

export class DataIdentityAvailabilityDomains extends OciDataSource<{ compartment_id: string }> {
  constructor(scope: Construct, id: string, config: { compartment_id: string }) {
    super(scope, id, 'oci_identity_availability_domains', config)
  }

  // 0-based index into the region's availability domains, in the API's order.
  nameAt(index: number): string {
    return this.getStringAttribute(`availability_domains[${index}].name`)
  }
}

export interface DataCoreImagesConfig {
  compartment_id: string
  operating_system: string
  operating_system_version: string
  shape: string
  state: 'AVAILABLE'
  sort_by: 'TIMECREATED' | 'DISPLAYNAME'
  sort_order: 'ASC' | 'DESC'
  filter?: DataSourceFilter[]
}

export class DataCoreImages extends OciDataSource<DataCoreImagesConfig> {
  constructor(scope: Construct, id: string, config: DataCoreImagesConfig) {
    super(scope, id, 'oci_core_images', config)
  }

  // With sort_order DESC the first image is the newest.
  get firstId(): string {
    return this.getStringAttribute('images[0].id')
  }
}

export interface DataCorePrivateIpsConfig {
  ip_address: string
  subnet_id: string
}

// Finds the instance's primary private IP, the thing a reserved public IP is attached to.
export class DataCorePrivateIps extends OciDataSource<DataCorePrivateIpsConfig> {
  constructor(scope: Construct, id: string, config: DataCorePrivateIpsConfig) {
    super(scope, id, 'oci_core_private_ips', config)
  }

  get firstId(): string {
    return this.getStringAttribute('private_ips[0].id')
  }
}

export class DataObjectstorageNamespace extends OciDataSource<{ compartment_id: string }> {
  constructor(scope: Construct, id: string, config: { compartment_id: string }) {
    super(scope, id, 'oci_objectstorage_namespace', config)
  }

  get namespace(): string {
    return this.getStringAttribute('namespace')
  }
}
