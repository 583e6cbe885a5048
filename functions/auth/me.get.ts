import { defineHandler } from 'h3'
import { useConfig, type Me } from '#runtime'
import { accountJson } from '../_lib/account-json.ts'
import { useVisitor } from '../_lib/visitor.ts'

// The signed-in member (or null) and how one signs in here: what the site's header and sign-in page show.
export default defineHandler(async (event): Promise<Me> => {
  const { member } = await useVisitor(event, { create: false })
  const config = useConfig()
  return {
    member: member ? accountJson(member) : null,
    accessMode: config.ACCESS_MODE,
    signIn: { password: true, oidc: config.OIDC_ISSUER ? { name: config.OIDC_PROVIDER_NAME } : null },
  }
})
