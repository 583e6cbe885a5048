import type { Construct } from 'constructs'
import { OciResource } from './element.ts'

type Tags = Record<string, string>

export interface CoreVcnConfig {
  compartment_id: string
  cidr_blocks: string[]
  display_name?: string
  dns_label?: string
  freeform_tags?: Tags
}

export class CoreVcn extends OciResource<CoreVcnConfig> {
  constructor(scope: Construct, id: string, config: CoreVcnConfig) {
    super(scope, id, 'oci_core_vcn', config)
  }
}

export interface CoreInternetGatewayConfig {
  compartment_id: string
  vcn_id: string
  enabled?: boolean
  display_name?: string
  freeform_tags?: Tags
}

export class CoreInternetGateway extends OciResource<CoreInternetGatewayConfig> {
  constructor(scope: Construct, id: string, config: CoreInternetGatewayConfig) {
    super(scope, id, 'oci_core_internet_gateway', config)
  }
}

interface RouteRule {
  network_entity_id: string
  destination: string
  destination_type: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK'
  description?: string
}

export interface CoreRouteTableConfig {
  compartment_id: string
  vcn_id: string
  route_rules: RouteRule[]
  display_name?: string
  freeform_tags?: Tags
}

export class CoreRouteTable extends OciResource<CoreRouteTableConfig> {
  constructor(scope: Construct, id: string, config: CoreRouteTableConfig) {
    super(scope, id, 'oci_core_route_table', config)
  }
}

export interface CoreSubnetConfig {
  compartment_id: string
  vcn_id: string
  cidr_block: string
  route_table_id: string
  security_list_ids: string[]
  prohibit_public_ip_on_vnic: boolean
  display_name?: string
  dns_label?: string
  freeform_tags?: Tags
}

export class CoreSubnet extends OciResource<CoreSubnetConfig> {
  constructor(scope: Construct, id: string, config: CoreSubnetConfig) {
    super(scope, id, 'oci_core_subnet', config)
  }
}
