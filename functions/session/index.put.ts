import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { ensureSession, type Visitor } from '#runtime'
import { displayNameSchema } from '../_lib/display-name.ts'

const body = v.object({ displayName: displayNameSchema })

export default defineHandler(async (event): Promise<Visitor> => {
  const { displayName } = await readValidatedBody(event, body)
  const session = await (await ensureSession(event)).update({ displayName })
  return { identity: session.identity, displayName: session.displayName }
})
