import { deploymentDirectives, publicOriginsFromEnv } from './page-security.ts'

/** The CSP directives naming this deployment's LiveKit and recording origins, read once at start. */
export const deploymentCsp = deploymentDirectives(publicOriginsFromEnv())
