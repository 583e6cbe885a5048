import { TerraformProvider } from 'cdktf'
import type { Construct } from 'constructs'

const ociProviderSource = 'oracle/oci'
// Built and checked against the provider's schema at 8.28.0; later 8.x keep these names.
const ociProviderVersion = '~> 8.28'

export interface OciProviderConfig {
  region: string
  config_file_profile?: string
  tenancy_ocid?: string
  user_ocid?: string
}

export class OciProvider extends TerraformProvider {
  readonly config: OciProviderConfig

  constructor(scope: Construct, id: string, config: OciProviderConfig) {
    super(scope, id, {
      terraformResourceType: 'oci',
      terraformProviderSource: ociProviderSource,
      terraformGeneratorMetadata: { providerName: 'oci', providerVersionConstraint: ociProviderVersion },
    })
    this.config = config
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { ...this.config }
  }
}
