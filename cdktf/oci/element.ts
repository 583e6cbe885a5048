import { TerraformDataSource, TerraformResource, type TerraformMetaArguments } from 'cdktf'
import type { Construct } from 'constructs'

// The bodies are written in the provider's own snake_case names, so a config object is
// already the Terraform JSON: cdktf only has to copy it out.
const generatorMetadata = { providerName: 'oci' }

export class OciResource<Config extends object> extends TerraformResource {
  readonly config: Config

  constructor(scope: Construct, id: string, type: string, config: Config, meta: TerraformMetaArguments = {}) {
    super(scope, id, { ...meta, terraformResourceType: type, terraformGeneratorMetadata: generatorMetadata })
    this.config = config
  }

  get id(): string {
    return this.getStringAttribute('id')
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return { ...this.config } as { [name: string]: unknown }
  }
}

export class OciDataSource<Config extends object> extends TerraformDataSource {
  readonly config: Config

  constructor(scope: Construct, id: string, type: string, config: Config) {
    super(scope, id, { terraformResourceType: type, terraformGeneratorMetadata: generatorMetadata })
    this.config = config
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return { ...this.config } as { [name: string]: unknown }
  }
}

// `filter` block shared by the provider's list data sources.
export interface DataSourceFilter {
  name: string
  values: string[]
  regex?: boolean
}
